import { z } from 'zod';
import { noNul } from '../shared/text.ts';
import { LIMITS } from '../shared/limits.ts';

/**
 * The public complaint form (`/klacht`, issue 6): what a petitioner fills in,
 * with a message per field worded for citizens. The schema is built with the
 * page's translate function so the same rules answer in Dutch or English;
 * `ZPublicComplaint` is the Dutch one. The service turns a valid form into
 * the `RegisterCase` every channel registers with.
 */
export type Translate = (nl: string, en: string) => string;

/** The form's two yes/no questions are answered with these values. */
export const ANSWERS = ['ja', 'nee'] as const;

/** Room kept in the case description for the form's answers (see toRegisterCase). */
export const DESCRIPTION_MAX = LIMITS.description - 200;
/** Attachments: at most this many files (the app's multipart limit is the same) ... */
export const MAX_FILES = 5;
/** ... and together at most this many bytes (each file at most MAX_ATTACHMENT_BYTES, 10 MB). */
export const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';

export function complaintSchema(t: Translate) {
  const required = (max: number, missing: string, tooLong: string) =>
    z.string({ error: missing }).trim().min(1, missing).max(max, tooLong).refine(noNul, t('Dit veld bevat een teken dat niet is toegestaan.', 'This field contains a character that is not allowed.'));
  const optional = (max: number, tooLong: string) =>
    z.string().trim().max(max, tooLong).refine(noNul, t('Dit veld bevat een teken dat niet is toegestaan.', 'This field contains a character that is not allowed.'))
      .optional().transform((v) => (v ? v : undefined));
  const answer = (missing: string) => z.enum(ANSWERS, { error: missing });
  return z
    .object({
      name: required(LIMITS.name, t('Vul uw naam in.', 'Enter your name.'), t(`Uw naam is te lang: hoogstens ${LIMITS.name} tekens.`, `Your name is too long: at most ${LIMITS.name} characters.`)),
      email: z
        .string()
        .trim()
        .max(LIMITS.email, t('Dit e-mailadres is te lang.', 'This e-mail address is too long.'))
        .optional()
        .transform((v) => (v ? v : undefined))
        .pipe(z.email(t('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.', 'Enter a valid e-mail address, like name@example.com.')).optional()),
      address: optional(LIMITS.address, t(`Het adres is te lang: hoogstens ${LIMITS.address} tekens.`, `The address is too long: at most ${LIMITS.address} characters.`)),
      phone: optional(LIMITS.phone, t(`Het telefoonnummer is te lang: hoogstens ${LIMITS.phone} tekens.`, `The phone number is too long: at most ${LIMITS.phone} characters.`))
        .refine((v) => v === undefined || /^[+0-9 ()-]{6,}$/.test(v), t('Vul een telefoonnummer in met cijfers, zoals 06 12345678.', 'Enter a phone number in digits, like 06 12345678.')),
      agency: required(LIMITS.agency, t('Vul in over welke instantie u klaagt.', 'Enter the government body you are complaining about.'), t(`De naam van de instantie is te lang: hoogstens ${LIMITS.agency} tekens.`, `The name of the body is too long: at most ${LIMITS.agency} characters.`)),
      subject: required(150, t('Vul in waar uw klacht in het kort over gaat.', 'Enter in a few words what your complaint is about.'), t('Het onderwerp is te lang: hoogstens 150 tekens. Schrijf de rest bij "Wat is er gebeurd?".', 'The subject is too long: at most 150 characters. Write the rest under "What happened?".')),
      description: required(DESCRIPTION_MAX, t('Beschrijf wat er is gebeurd.', 'Describe what happened.'), t(`Uw beschrijving is te lang: hoogstens ${DESCRIPTION_MAX} tekens. U kunt een bijlage toevoegen.`, `Your description is too long: at most ${DESCRIPTION_MAX} characters. You can add an attachment.`)),
      approached: answer(t('Geef aan of u uw klacht eerst bij de instantie zelf hebt ingediend.', 'Say whether you first complained to the body itself.')),
      urgent: answer(t('Geef aan of er binnen 2 weken iets moet gebeuren.', 'Say whether something has to happen within 2 weeks.')),
      token: z.uuid(t('Het formulier is verlopen. Controleer uw gegevens en verstuur het opnieuw.', 'The form has expired. Check your details and send it again.')),
    })
    // E-mail, or a postal address when there is no e-mail: we must be able to send the receipt.
    .refine((v) => Boolean(filled(v.email) || filled(v.address)), {
      path: ['email'],
      // also when other fields are wrong: every message at once
      when: () => true,
      message: t('Vul uw e-mailadres in, of uw postadres als u geen e-mail hebt.', 'Enter your e-mail address, or your postal address if you have no e-mail.'),
    });
}

export const ZPublicComplaint = complaintSchema((nl) => nl);
export type PublicComplaint = z.output<typeof ZPublicComplaint>;
