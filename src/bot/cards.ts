/**
 * Renders the templates in cards/ with view data. Templates are read once. In Teams, buttons are
 * Action.Execute (the card is replaced in place); elsewhere (Emulator, Web Chat) the same buttons become
 * Action.Submit carrying the verb in their data, and lead to the same handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindTemplate } from './card-template.js';

/**
 * cards/ at the project root: two levels up from src/bot/ (tsx) and three from build/src/bot/ (the compiled
 * runtime, `npm start`).
 */
export const CARDS_DIR = ((here: string) =>
  ['../../cards', '../../../cards']
    .map((relative) => path.resolve(here, relative))
    .find((dir) => fs.existsSync(path.join(dir, 'message.json'))) ?? path.resolve(here, '../../cards'))(
  path.dirname(fileURLToPath(import.meta.url)),
);

export const TEMPLATE_NAMES = [
  'message',
  'help',
  'record-list',
  'confirm',
  'choice',
  'cart',
  'cancel-reason',
  'key-options',
  'software-key',
  'acknowledge',
  'support-form',
  'order-detail',
  'addon-buy',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

const templates = new Map<TemplateName, unknown>();

export function loadTemplate(name: TemplateName): unknown {
  let template = templates.get(name);
  if (!template) {
    template = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
    templates.set(name, template);
  }
  return template;
}

export const renderCard = (name: TemplateName, data: unknown): AdaptiveCardJson =>
  bindTemplate<AdaptiveCardJson>(loadTemplate(name), data);

/** Action.Execute → Action.Submit (verb moved into data) for channels without Universal Actions. */
export function toSubmitActions<T>(node: T): T {
  if (Array.isArray(node)) return node.map((child) => toSubmitActions(child)) as T;
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = toSubmitActions(value);
  if (record.type === 'Action.Execute') {
    const { verb, data, ...rest } = out;
    return { ...rest, type: 'Action.Submit', data: { ...(data as object), verb } } as T;
  }
  return out as T;
}

export const adaptForChannel = (card: AdaptiveCardJson, channelId: string | undefined): AdaptiveCardJson =>
  channelId === 'msteams' ? card : toSubmitActions(card);

export const cardBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
