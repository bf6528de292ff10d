import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { ContactOutcome } from './contact.table.ts';

/** Small pieces of how a phone contact is shown, shared by the phone pages (contact.pages.tsx, contact.callbacks.tsx) and the case page's section on contacts. */
export const OUTCOME_TEXT: Record<ContactOutcome, [string, string]> = {
  advised: ['Advies gegeven', 'Advised'],
  asked_to_write: ['Gevraagd de klacht op schrift te stellen', 'Asked to put the complaint in writing'],
  callback: ['Terugbelverzoek (TBV)', 'Callback request (TBV)'],
  put_through: ['Doorverbonden met een klachtonderzoeker', 'Put through to an investigator'],
};
export const head = (text: string) => <th scope="col" class="utrecht-table__header-cell">{text}</th>;
export const cell = (children: ComponentChildren) => <td class="utrecht-table__cell">{children}</td>;
export const short = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max)}…` : text);
/** A phone number as a tel: link (digits and a leading + only). */
export const telHref = (phone: string) => `tel:${phone.replace(/(?!^\+)[^\d]/g, '')}`;
/** Whether a query value is an id (a confirmation's `?geregistreerd=`, `?gedaan=`); anything else is ignored. */
export const isUuid = (v: string) => z.uuid().safeParse(v).success;
