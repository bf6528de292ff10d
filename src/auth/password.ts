import argon2 from 'argon2';

/** argon2id with OWASP's minimum (19 MiB, 2 passes): ~50 ms a hash here. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; this only keeps hashing bounded. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Passwords people choose first (international lists and Dutch ones). Compared
 * in lower case, also with trailing digits and punctuation removed, so
 * "Wachtwoord2024!" counts as "wachtwoord".
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345678910', '123123123', '111111111111', '000000000000', '123456123456',
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'password1', 'passwordpassword', 'qwerty', 'qwertyuiop', 'qwerty123', 'azerty',
  'azertyuiop', 'asdfghjkl', 'zxcvbnm', '1q2w3e4r', '1q2w3e4r5t6y', 'qazwsx', 'qazwsxedc', 'abc123', 'abcdef', 'abcdefghijkl',
  'letmein', 'welcome', 'welcome1', 'iloveyou', 'admin', 'administrator', 'root', 'changeme', 'default', 'secret',
  'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'superman', 'batman', 'master', 'shadow',
  'trustno1', 'whatever', 'starwars', 'pokemon', 'computer', 'internet', 'michael', 'jennifer', 'charlie', 'freedom',
  'login', 'guest', 'test', 'testtest', 'summer', 'winter', 'spring', 'autumn', 'hello', 'helloworld',
  // Dutch
  'wachtwoord', 'wachtwoord1', 'wachtwoord123', 'welkom', 'welkom01', 'welkom123', 'welkomwelkom', 'geheim', 'geheim123', 'hallo',
  'hallohallo', 'hoihoi', 'voetbal', 'ajax', 'feyenoord', 'psv', 'amsterdam', 'rotterdam', 'utrecht', 'nederland',
  'holland', 'oranje', 'zomer', 'kerstmis', 'lente', 'herfst', 'maandag', 'vrijdag', 'januari', 'december',
  'ikhouvanjou', 'schatje', 'liefde', 'konijn', 'poesje', 'hondje', 'beheerder', 'gebruiker', 'inloggen', 'ombudsman',
  'nationaleombudsman', 'klacht', 'klachten', 'grip', 'gripgrip', 'demo', 'demo-wachtwoord', 'demowachtwoord', 'startwachtwoord', 'tijdelijk',
]);

/**
 * What is wrong with a new password (Dutch sentences, empty when it is good):
 * at least 12 and at most 256 characters, not (containing) the person's login
 * or name, not a common password.
 */
export function checkPasswordPolicy(password: string, person: { login: string; name?: string }): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`Het wachtwoord moet minstens ${PASSWORD_MIN_LENGTH} tekens lang zijn.`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Het wachtwoord mag hoogstens ${PASSWORD_MAX_LENGTH} tekens lang zijn.`);
  const lower = password.toLowerCase();
  const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  // Parts shorter than 4 letters (an initial, "de", "van") say nothing about a password.
  const own = [person.login, person.name ?? '', ...(person.name ?? '').split(/[\s.\-_@]+/)].map((s) => s.trim().toLowerCase()).filter((s) => s.length >= 4);
  if (own.some((part) => lower.includes(part) || (fold(part).length >= 4 && fold(password).includes(fold(part))))) {
    problems.push('Het wachtwoord mag uw gebruikersnaam of naam niet bevatten.');
  }
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  // Only digits and punctuation (a date, a PIN, a keyboard row) counts as common too.
  if (stripped === '' || COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(stripped) || COMMON_PASSWORDS.has(lower.replace(/^[\d\W_]+/u, ''))) {
    problems.push('Dit wachtwoord wordt veel gebruikt en is makkelijk te raden; kies een ander.');
  }
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
