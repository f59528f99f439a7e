/**
 * Staff and their roles; the preview and result of a role change.
 */
import type { RoleChangePreview, RoleChangeResult } from '../../../domain/staff/role-change.js';
import type { Staff } from '../../../domain/shared/model.js';
import { VERBS } from '../../card-actions.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { messageCard, roleNames } from '../../common-views.js';

export function staffCard(s: Speech, staff: readonly Staff[]): AdaptiveCardJson {
  return renderCard('record-list', {
    title: s.m.staff.title,
    subtitle: '',
    empty: '',
    items: staff.slice(0, 100).map((person) => ({
      heading: person.displayName,
      badge: person.roles.length === 0 ? s.m.staff.noRoles : '',
      badgeColor: 'Warning',
      facts: [
        { label: s.m.whoami.roles, value: roleNames(s, person.roles) },
        { label: s.m.whoami.objectId, value: person.aadObjectId },
      ],
      buttons: [],
    })),
    footer: '',
    actions: [],
  });
}

export function roleChangePreviewCard(s: Speech, preview: RoleChangePreview): AdaptiveCardJson {
  const m = s.m.roleChange;
  const grant = preview.change === 'grant';
  const action = grant ? 'staff.grant' : 'staff.revoke';
  return renderCard('confirm', {
    title: grant ? m.grantTitle : m.revokeTitle,
    summary: (grant ? m.grantSummary : m.revokeSummary)(preview.person.displayName, s.m.roles[preview.role]),
    facts: [
      { label: m.person, value: `${preview.person.displayName} (${preview.person.aadObjectId})` },
      { label: m.currentRoles, value: roleNames(s, preview.person.roles) },
      { label: m.role, value: s.m.roles[preview.role] },
    ],
    consequences: [],
    consequenceStyle: 'default',
    expiry: s.m.common.expiresAt(s.dateTime(preview.expiresAt)),
    confirmTitle: s.m.common.confirm,
    confirmVerb: grant ? VERBS.staffGrantConfirm : VERBS.staffRevokeConfirm,
    confirmData: { pendingId: preview.pendingId },
    confirmStyle: grant ? 'positive' : 'destructive',
    cancelTitle: s.m.common.notNow,
    cancelVerb: VERBS.pendingDiscard,
    cancelData: { pendingId: preview.pendingId, action },
  });
}

export function roleChangeResultCard(s: Speech, result: RoleChangeResult, note?: string): AdaptiveCardJson {
  const m = s.m.roleChange;
  const grant = result.change === 'grant';
  return messageCard(s, {
    title: grant ? m.grantedTitle : m.revokedTitle,
    color: 'Good',
    lines: [
      ...(note ? [note] : []),
      (grant ? m.granted : m.revoked)(result.displayName, s.m.roles[result.role]),
    ],
    facts: [{ label: m.rolesNow, value: roleNames(s, result.roles) }],
  });
}
