/**
 * The texts Grip sends petitioners, as templates with placeholders (pure).
 * Communications staff edit them (notice.pages.tsx); these defaults are what
 * a fresh installation sends. A placeholder is `{{name}}`; an unknown one is
 * refused when a template is saved, so a typo never reaches a citizen.
 */
export const TEMPLATE_KINDS = ['receipt', 'delay.email', 'delay.letter', 'renotice.email', 'renotice.letter'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface Template {
  subject: string;
  body: string;
}

/** What a placeholder stands for, in the editors' words. */
export const PLACEHOLDERS = {
  naam: 'Naam van de verzoeker',
  dossiernummer: 'Dossiernummer',
  ontvangen: 'Datum van ontvangst (12 februari 2024)',
  instantie: 'De instantie waarover de klacht gaat',
  verwachting: 'Wanneer een klachtonderzoeker de klacht naar verwachting oppakt ("tussen 1 maart en 5 april 2024")',
  verwacht_van: 'Vroegste verwachte datum',
  verwacht_tot: 'Laatste verwachte datum (8 op de 10 klachten vallen ertussen)',
  wachttijden: 'Adres van de openbare wachttijdenpagina',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Record<Placeholder, string>;

export const TEMPLATE_TITLES: Record<TemplateKind, string> = {
  receipt: 'Ontvangstbevestiging (e-mail, of brief zonder e-mailadres)',
  'delay.email': 'Uitstelbericht (e-mail)',
  'delay.letter': 'Uitstelbericht (brief)',
  'renotice.email': 'Nieuw uitstelbericht bij langere wachttijd (e-mail)',
  'renotice.letter': 'Nieuw uitstelbericht bij langere wachttijd (brief)',
};

const SIGNATURE = `Met vriendelijke groet,

Klachtbehandeling`;

const delayBody = `Beste {{naam}},

Op {{ontvangen}} ontvingen wij uw klacht over {{instantie}} (dossiernummer {{dossiernummer}}). Wij willen u eerlijk laten weten waar u aan toe bent: er liggen op dit moment meer klachten dan wij direct kunnen oppakken.

Wij verwachten dat een klachtonderzoeker uw klacht {{verwachting}} oppakt. Hij of zij neemt dan persoonlijk contact met u op. Deze verwachting rekenen wij uit met het aantal klachten dat op behandeling wacht en het aantal medewerkers dat eraan werkt; van tien klachten wordt er ongeveer acht in deze periode opgepakt.

Is uw situatie dringend, bijvoorbeeld omdat u een betaling of beslissing op korte termijn niet kunt missen? Bel ons dan, dan kijken wij of uw klacht voor kan gaan. De actuele wachttijden staan op {{wachttijden}}.

${SIGNATURE}`;

const renoticeBody = `Beste {{naam}},

Eerder lieten wij u weten wanneer wij verwachtten uw klacht over {{instantie}} (dossiernummer {{dossiernummer}}) op te pakken. Die verwachting is helaas niet meer juist: het duurt langer.

Wij verwachten nu dat een klachtonderzoeker uw klacht {{verwachting}} oppakt. Het spijt ons dat u langer moet wachten.

Is uw situatie dringend? Bel ons dan, dan kijken wij of uw klacht voor kan gaan. De actuele wachttijden staan op {{wachttijden}}.

${SIGNATURE}`;

export const DEFAULT_TEMPLATES: Record<TemplateKind, Template> = {
  receipt: {
    subject: 'Wij hebben uw klacht ontvangen (dossiernummer {{dossiernummer}})',
    body: `Beste {{naam}},

Wij hebben uw klacht over {{instantie}} op {{ontvangen}} ontvangen. Uw dossiernummer is {{dossiernummer}}; noemt u dit nummer als u contact met ons opneemt.

Wij verwachten dat een klachtonderzoeker uw klacht {{verwachting}} oppakt. Hij of zij neemt dan persoonlijk contact met u op. De actuele wachttijden staan op {{wachttijden}}.

${SIGNATURE}`,
  },
  'delay.email': { subject: 'Uw klacht {{dossiernummer}}: wanneer wij die verwachten op te pakken', body: delayBody },
  'delay.letter': { subject: 'Uw klacht {{dossiernummer}}', body: delayBody },
  'renotice.email': { subject: 'Uw klacht {{dossiernummer}}: het duurt langer dan wij u schreven', body: renoticeBody },
  'renotice.letter': { subject: 'Uw klacht {{dossiernummer}}: het duurt langer', body: renoticeBody },
};

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The placeholders a text uses that Grip does not know. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(name in PLACEHOLDERS));
}

/** Fills in the placeholders; the subject stays on one line. */
export function renderTemplate(t: Template, values: TemplateValues): Template {
  const fill = (text: string) => text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
  return { subject: fill(t.subject).replace(/[\r\n]+/g, ' ').trim(), body: fill(t.body) };
}

const dateNl = (d: Date) => d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

export interface ExpectedRange {
  p10: Date;
  p90: Date;
  /** The late end lies beyond the forecast's horizon: say "not before", never a made-up date. */
  open: boolean;
}

/** "tussen 1 maart 2024 en 5 april 2024", or "niet vóór 1 maart 2024" when the late end is beyond the horizon. */
export function expectationText(e: ExpectedRange | null): string {
  if (!e) return 'zo snel mogelijk (wij kunnen nu nog geen betrouwbare datum noemen)';
  if (e.open) return `niet vóór ${dateNl(e.p10)}, en mogelijk pas over meer dan een half jaar`;
  if (dateNl(e.p10) === dateNl(e.p90)) return `rond ${dateNl(e.p10)}`;
  return `tussen ${dateNl(e.p10)} en ${dateNl(e.p90)}`;
}

export function templateValues(v: {
  name: string; dossierNumber: string; receivedAt: Date; agency: string; expected: ExpectedRange | null; waitingTimesUrl: string;
}): TemplateValues {
  return {
    naam: v.name,
    dossiernummer: v.dossierNumber,
    ontvangen: dateNl(v.receivedAt),
    instantie: v.agency,
    verwachting: expectationText(v.expected),
    verwacht_van: v.expected ? dateNl(v.expected.p10) : 'onbekend',
    verwacht_tot: v.expected && !v.expected.open ? dateNl(v.expected.p90) : 'onbekend',
    wachttijden: v.waitingTimesUrl,
  };
}
