/**
 * The reseller invitation (R-REL-*) with what to tell the customer, and its acceptance.
 */
import type { Invitation } from '../../../domain/relationships/request-relationship.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { invitationMessage } from '../../customer-messages.js';
import { messageCard } from '../../common-views.js';

const advice = (s: Speech) => [
  s.m.relationship.adviceTitle,
  `• ${s.m.relationship.adviceSameOffers}`,
  `• ${s.m.relationship.adviceLetExpire}`,
];

export function invitationCard(s: Speech, invitation: Invitation): AdaptiveCardJson {
  const m = s.m.relationship;
  const message = invitationMessage(
    invitation.customer.preferredLanguage,
    invitation.customer.companyName,
    invitation.invitationUrl,
  );
  return messageCard(s, {
    title: m.title(invitation.customer.companyName),
    lines: [
      ...(invitation.created ? [] : [m.again]),
      `[${m.open}](${invitation.invitationUrl})`,
      m.messageFor(message.language),
      ...message.text.split('\n').filter((line) => line.length > 0),
      m.status,
      ...advice(s),
    ],
    facts: [{ label: m.link, value: invitation.invitationUrl }],
  });
}

export function acceptedCard(s: Speech, customerName: string): AdaptiveCardJson {
  const m = s.m.relationship;
  return messageCard(s, {
    title: m.acceptedTitle(customerName),
    color: 'Good',
    lines: [m.acceptedBody, ...advice(s)],
  });
}
