import { z } from 'zod';
import { AppError, type FieldError } from '../shared/errors.ts';
import type { Web } from './page.ts';

/**
 * Parses a form with the operation's own zod schema (the same one the API
 * uses) and answers field errors in the page's language, worded for people.
 */
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

function friendly(issue: z.core.$ZodRawIssue, web: Web): string | undefined {
  const missing = issue.input === undefined || issue.input === '';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return web.t('Vul dit veld in.', 'Please fill in this field.');
      if (issue.origin === 'array') return web.t('Kies er minstens één.', 'Choose at least one.');
      return web.t(`Te klein: minimaal ${issue.minimum}.`, `Too small: at least ${issue.minimum}.`);
    case 'too_big':
      if (issue.origin === 'string') return web.t(`Te lang: hoogstens ${issue.maximum} tekens.`, `Too long: at most ${issue.maximum} characters.`);
      return web.t(`Te groot: hoogstens ${issue.maximum}.`, `Too large: at most ${issue.maximum}.`);
    case 'invalid_type':
      return missing ? web.t('Vul dit veld in.', 'Please fill in this field.') : undefined;
    case 'invalid_value':
      return missing ? web.t('Maak een keuze.', 'Please choose one.') : web.t('Kies een van de mogelijkheden.', 'Choose one of the options.');
    case 'invalid_format':
      if (issue.format === 'email') return web.t('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.', 'Enter a valid e-mail address, like name@example.com.');
      if (issue.format === 'date' || issue.format === 'datetime') return web.t('Vul een datum in als JJJJ-MM-DD.', 'Enter a date as YYYY-MM-DD.');
      if (issue.format === 'uuid') return web.t('Maak een keuze.', 'Please choose one.');
      return undefined;
    case 'invalid_union':
      return missing ? web.t('Vul dit veld in.', 'Please fill in this field.') : web.t('Vul een datum in als JJJJ-MM-DD.', 'Enter a date as YYYY-MM-DD.');
    default:
      return undefined;
  }
}

export function parseForm<S extends z.ZodType>(schema: S, data: unknown, web: Web): FormResult<z.output<S>> {
  const locale = web.lang === 'en' ? z.locales.en() : z.locales.nl();
  const result = schema.safeParse(data, { error: (issue) => friendly(issue, web) ?? locale.localeError(issue) });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })) };
}

/** A parsed form's data, or its field errors thrown as a validation AppError (for handlers that catch service errors in one place). */
export function orThrow<T>(result: FormResult<T>): T {
  if (!result.ok) throw new AppError('validation', 'invalid form', { errors: result.errors });
  return result.data;
}

/** Field errors from a service (or a whole-form message under '_form'), in the page's language. */
export function serviceErrors(err: unknown, web: Web): FieldError[] {
  if (!(err instanceof AppError)) throw err;
  const errors = err.details.errors;
  if (errors?.length) return errors.map((e) => ({ field: e.field, message: web.lang === 'nl' && e.nl ? e.nl : e.message }));
  return [{ field: '_form', message: describeFailure(err, web) }];
}

function describeFailure(err: AppError, web: Web): string {
  switch (err.code) {
    case 'version_conflict':
      return web.t('Iemand anders heeft deze zaak intussen gewijzigd. Hieronder staat de nieuwe stand; probeer het opnieuw.', 'Someone else changed this case in the meantime. The current state is shown below; please try again.');
    case 'transition_forbidden':
      return web.t('Deze handeling kan niet bij de huidige status van de zaak.', 'This action is not possible in the current status of the case.');
    case 'forbidden':
      return web.t('U mag deze handeling niet uitvoeren.', 'You may not do this.');
    default:
      return err.message;
  }
}
