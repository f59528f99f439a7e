/**
 * The chat commands: their words in English, Korean and Simplified Chinese, the action each needs (for
 * the help card) and an example. The parser, the help card and the Teams manifest all read this table.
 */
import type { Action } from '../domain/shared/roles.js';

export type Locale = 'en' | 'ko' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'ko', 'zh'];

export interface CommandSpec {
  readonly id: CommandId;
  /** Accepted first words, by language; every word is accepted whatever the activity's locale. */
  readonly words: Readonly<Record<Locale, readonly string[]>>;
  /** The action whose roles see this command in help; undefined = everyone. */
  readonly action?: Action;
  /** An example line, by language, that the parser accepts. */
  readonly example: Readonly<Record<Locale, string>>;
}

export type CommandId =
  | 'help'
  | 'whoami'
  | 'customers'
  | 'subscriptions'
  | 'orders'
  | 'staff'
  | 'grant'
  | 'revoke'
  | 'buy'
  | 'suspend'
  | 'reactivate'
  | 'cancel'
  | 'autorenew'
  | 'licenses'
  | 'software'
  | 'key'
  | 'activity'
  | 'support'
  | 'invite'
  | 'reminders'
  | 'products'
  | 'addons'
  | 'billing'
  | 'upgrade';

export const COMMANDS: readonly CommandSpec[] = [
  {
    id: 'help',
    words: { en: ['help', '?', 'commands'], ko: ['도움말', '도움'], zh: ['帮助'] },
    example: { en: 'help', ko: '도움말', zh: '帮助' },
  },
  {
    id: 'whoami',
    words: { en: ['whoami', 'me'], ko: ['내정보', '나는누구'], zh: ['我是谁', '我的信息'] },
    example: { en: 'whoami', ko: '내정보', zh: '我是谁' },
  },
  {
    id: 'customers',
    words: { en: ['customers', 'customer', 'find'], ko: ['고객'], zh: ['客户'] },
    action: 'catalog.read',
    example: { en: 'customers contoso', ko: '고객 contoso', zh: '客户 contoso' },
  },
  {
    id: 'subscriptions',
    words: { en: ['subscriptions', 'subscription', 'subs'], ko: ['구독'], zh: ['订阅'] },
    action: 'catalog.read',
    example: { en: 'subscriptions fabrikam', ko: '구독 fabrikam', zh: '订阅 fabrikam' },
  },
  {
    id: 'orders',
    words: { en: ['orders', 'order'], ko: ['주문'], zh: ['订单'] },
    action: 'catalog.read',
    example: { en: 'orders northwind', ko: '주문 northwind', zh: '订单 northwind' },
  },
  {
    id: 'buy',
    words: { en: ['buy', 'purchase'], ko: ['구매', '구입'], zh: ['购买', '订购'] },
    action: 'subscription.buy',
    example: {
      en: 'buy 10 Microsoft 365 E3 for contoso monthly',
      ko: '구매 Microsoft 365 E3 10개 고객 contoso 월간',
      zh: '购买 10 个 Microsoft 365 E3 给 contoso 按月',
    },
  },
  {
    id: 'suspend',
    words: { en: ['suspend'], ko: ['일시중단', '중단'], zh: ['暂停'] },
    action: 'subscription.suspend',
    example: { en: 'suspend contoso Exchange', ko: '일시중단 contoso Exchange', zh: '暂停 contoso Exchange' },
  },
  {
    id: 'reactivate',
    words: { en: ['reactivate', 'resume'], ko: ['재활성화', '다시활성화'], zh: ['重新激活', '恢复'] },
    action: 'subscription.reactivate',
    example: {
      en: 'reactivate fabrikam Business Premium',
      ko: '재활성화 fabrikam Business Premium',
      zh: '重新激活 fabrikam Business Premium',
    },
  },
  {
    id: 'cancel',
    words: { en: ['cancel'], ko: ['취소'], zh: ['取消'] },
    action: 'subscription.cancel',
    example: { en: 'cancel coho E3', ko: '취소 coho E3', zh: '取消 coho E3' },
  },
  {
    id: 'autorenew',
    words: { en: ['autorenew', 'auto-renew'], ko: ['자동갱신'], zh: ['自动续订'] },
    action: 'subscription.autorenew',
    example: {
      en: 'autorenew contoso E3 off',
      ko: '자동갱신 contoso E3 끄기',
      zh: '自动续订 contoso E3 关闭',
    },
  },
  {
    id: 'licenses',
    words: { en: ['licenses', 'licenses', 'seats'], ko: ['라이선스'], zh: ['许可证'] },
    action: 'subscription.licenses',
    example: { en: 'licenses contoso E3 25', ko: '라이선스 contoso E3 25', zh: '许可证 contoso E3 25' },
  },
  {
    id: 'software',
    words: { en: ['software'], ko: ['소프트웨어'], zh: ['软件'] },
    action: 'catalog.read',
    example: { en: 'software fabrikam', ko: '소프트웨어 fabrikam', zh: '软件 fabrikam' },
  },
  {
    id: 'key',
    words: { en: ['key', 'keys', 'product key'], ko: ['제품키', '키'], zh: ['产品密钥', '密钥'] },
    action: 'software.key',
    example: {
      en: 'key Office LTSC for fabrikam',
      ko: '제품키 Office LTSC 고객 fabrikam',
      zh: '密钥 Office LTSC 给 fabrikam',
    },
  },
  {
    id: 'activity',
    words: { en: ['activity'], ko: ['활동기록', '활동'], zh: ['活动日志', '活动'] },
    action: 'software.activity',
    example: {
      en: 'activity from 2026-11-01 to 2026-11-21 fabrikam',
      ko: '활동 from 2026-11-01 to 2026-11-21',
      zh: '活动 from 2026-11-01 to 2026-11-21',
    },
  },
  {
    id: 'support',
    words: { en: ['support'], ko: ['지원요청', '지원'], zh: ['支持请求', '支持'] },
    action: 'support.request',
    example: { en: 'support request ORD-2003', ko: '지원요청 ORD-2003', zh: '支持请求 ORD-2003' },
  },
  {
    id: 'invite',
    words: { en: ['invite'], ko: ['초대'], zh: ['邀请'] },
    action: 'relationship.request',
    example: { en: 'invite Blue Yonder', ko: '초대 Blue Yonder', zh: '邀请 Blue Yonder' },
  },
  {
    id: 'reminders',
    words: { en: ['reminders', 'reminder'], ko: ['알림'], zh: ['提醒'] },
    example: { en: 'reminders digest on', ko: '알림 요약 켜기', zh: '提醒 摘要 开启' },
  },
  {
    id: 'staff',
    words: { en: ['staff', 'team'], ko: ['직원'], zh: ['员工'] },
    action: 'staff.grant',
    example: { en: 'staff', ko: '직원', zh: '员工' },
  },
  {
    id: 'grant',
    words: { en: ['grant'], ko: ['권한부여', '권한추가'], zh: ['授予', '授权'] },
    action: 'staff.grant',
    example: {
      en: 'grant Nora Jung admin-agent',
      ko: '권한부여 Nora Jung admin-agent',
      zh: '授予 Nora Jung admin-agent',
    },
  },
  {
    id: 'revoke',
    words: { en: ['revoke'], ko: ['권한회수', '권한삭제'], zh: ['撤销', '撤权'] },
    action: 'staff.revoke',
    example: {
      en: 'revoke Sam Chen sales-agent',
      ko: '권한회수 Sam Chen sales-agent',
      zh: '撤销 Sam Chen sales-agent',
    },
  },
  {
    id: 'products',
    words: { en: ['products', 'product', 'catalog'], ko: ['제품', '카탈로그'], zh: ['产品', '目录'] },
    action: 'catalog.read',
    example: {
      en: 'products E3 for contoso license',
      ko: '제품 E3 고객 contoso 라이선스',
      zh: '产品 E3 给 contoso 许可',
    },
  },
  {
    id: 'addons',
    words: { en: ['addons', 'add-ons', 'addon', 'add-on'], ko: ['추가기능'], zh: ['附加产品'] },
    action: 'catalog.read',
    example: { en: 'addons contoso E3', ko: '추가기능 contoso E3', zh: '附加产品 contoso E3' },
  },
  {
    id: 'billing',
    words: { en: ['billing', 'term'], ko: ['청구주기', '약정'], zh: ['计费周期', '期限'] },
    action: 'subscription.billing',
    example: {
      en: 'billing contoso E3 annual',
      ko: '청구주기 contoso E3 연간',
      zh: '计费周期 contoso E3 按年',
    },
  },
  {
    id: 'upgrade',
    words: { en: ['upgrade'], ko: ['업그레이드'], zh: ['升级'] },
    action: 'subscription.upgrade',
    example: {
      en: 'upgrade contoso E3 to Microsoft 365 E5',
      ko: '업그레이드 contoso E3 대상 Microsoft 365 E5',
      zh: '升级 contoso E3 到 Microsoft 365 E5',
    },
  },
];

export const commandSpec = (id: CommandId): CommandSpec => {
  const spec = COMMANDS.find((c) => c.id === id);
  if (!spec) throw new Error(`unknown command ${id}`);
  return spec;
};
