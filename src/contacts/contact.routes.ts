import { defineRoute, listOf, ZIdParams } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { ZCallbackDone, ZContactQuery, ZContactView, ZLinkContact, ZRegisterContact } from './contact.schema.ts';
import { getContactForActor, linkContact, listContactsPage, markCallbackDone, registerContact } from './contact.service.ts';

export function contactRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'POST', url: '/api/v1/contacts', tag: 'contacts', permission: 'contacts.register', status: 201,
      summary: 'Register a phone contact (not a dossier); outcome callback makes a callback request (TBV) for a domain',
      body: ZRegisterContact, response: ZContactView,
      async handler({ body, actor, reply }) {
        const contact = await registerContact(ctx, actor, body);
        reply.header('location', `/api/v1/contacts/${contact.id}`);
        return contact;
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/contacts', tag: 'contacts', permission: 'contacts.read',
      summary: 'Contacts, the latest first; with openCallbacks=true only callback requests not yet done, the first due first. Coordinators, team managers and investigators see only those of their domains (the contact\'s or its callback\'s) and those they registered',
      query: ZContactQuery, response: listOf(ZContactView),
      handler: ({ query, actor }) => listContactsPage(ctx, actor, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/contacts/:id', tag: 'contacts', permission: 'contacts.read',
      summary: 'A contact (404 when it is outside the reader\'s domains, as when it does not exist)', params: ZIdParams, response: ZContactView,
      handler: ({ params, actor }) => getContactForActor(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/contacts/:id/callback-done', tag: 'contacts', permission: 'contacts.callback',
      summary: 'Mark a callback request done, with its result (once; a second time is 409)',
      params: ZIdParams, body: ZCallbackDone, response: ZContactView,
      handler: ({ params, body, actor }) => markCallbackDone(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/contacts/:id/link', tag: 'contacts', permission: 'contacts.register',
      summary: 'Link the written case that followed the call (once; the same case again changes nothing)',
      params: ZIdParams, body: ZLinkContact, response: ZContactView,
      handler: ({ params, body, actor }) => linkContact(ctx, actor, params.id, body),
    }),
  ];
}
