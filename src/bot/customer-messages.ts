/**
 * Words the partner sends on to a customer, in the customer's language (where known), whatever language
 * the partner's own Teams speaks.
 */
import type { Locale } from './commands.js';
import { localeOf } from './i18n.js';

const INVITATION: Record<Locale, (customer: string, link: string) => string> = {
  en: (customer, link) =>
    `Hello ${customer} team,\n\nTo let us manage your Microsoft subscriptions as your Cloud Solution Provider, please have a Global Administrator of your Microsoft 365 tenant open this link and accept the reseller relationship:\n${link}\n\nYour current subscriptions keep running; nothing changes for your users until we provision new ones with you.`,
  ko: (customer, link) =>
    `${customer} 담당자님께,\n\n저희가 클라우드 솔루션 공급자로서 Microsoft 구독을 관리할 수 있도록 Microsoft 365 테넌트의 전역 관리자가 아래 링크를 열어 재판매인 관계를 수락해 주세요.\n${link}\n\n현재 구독은 그대로 유지되며, 새 구독을 함께 준비하기 전까지 사용자에게 바뀌는 것은 없습니다.`,
  zh: (customer, link) =>
    `${customer} 团队您好：\n\n为便于我们作为云解决方案提供商管理您的 Microsoft 订阅，请由您的 Microsoft 365 租户全局管理员打开以下链接并接受经销商关系：\n${link}\n\n您当前的订阅将继续运行；在我们与您一起预配新订阅之前，用户不会受到任何影响。`,
};

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어', zh: '简体中文' };

/** The invitation text in the customer's language (English when unknown). */
export function invitationMessage(preferredLanguage: string | null, customer: string, link: string) {
  const locale = localeOf(preferredLanguage, 'en');
  return { language: LANGUAGE_NAMES[locale], text: INVITATION[locale](customer, link) };
}
