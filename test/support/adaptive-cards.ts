/**
 * Checks a card the way clients do: the real Adaptive Cards renderer (the `adaptivecards` package that
 * Web Chat and the Emulator use) in a jsdom window, and the Adaptive Cards 1.5 JSON schema that Teams uses.
 * Each check returns the problems it found, in words; none means the card renders.
 */
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { JSDOM } from 'jsdom';
import type * as AdaptiveCardsModule from 'adaptivecards';
import { ADAPTIVE_CARD_1_5_SCHEMA } from './adaptive-card-schema.js';

type AdaptiveCards = typeof AdaptiveCardsModule;

let renderer: AdaptiveCards | undefined;

/** The renderer, loaded once into a jsdom window (its lib/ build is ESM without extensions, so the UMD build). */
function adaptiveCards(): AdaptiveCards {
  if (renderer) return renderer;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const globals = globalThis as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(window)) {
    if (name in globals) continue;
    if (
      /^(HTML|SVG)|^(window|document|navigator|Node|Element|Event|KeyboardEvent|MouseEvent|getComputedStyle)$/.test(
        name,
      )
    )
      globals[name] = (window as unknown as Record<string, unknown>)[name];
  }
  renderer = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCards;
  return renderer;
}

/** What the renderer reports for `card`: parse events, validation events, and a render that produced nothing. */
export function rendererProblems(card: unknown): string[] {
  const AC = adaptiveCards();
  const problems: string[] = [];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents)
    problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  const element = parsed.render();
  if (!element) problems.push('render: nothing rendered');
  return problems;
}

const ajv = new Ajv({ allErrors: true, jsonPointers: true });
const validateSchema = ajv.compile(ADAPTIVE_CARD_1_5_SCHEMA);

/** Where `card` departs from the Adaptive Cards 1.5 schema . */
export function schemaProblems(card: unknown): string[] {
  if (validateSchema(card)) return [];
  const errors = validateSchema.errors ?? [];
  return errors
    .filter((e) => e.keyword !== 'if')
    .map(
      (e) =>
        `${e.dataPath || '/'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? `: ${JSON.stringify(e.params)}` : ''}`,
    );
}
