/** Type-ahead for card inputs (Teams' Data.Query): what a suggestion is and how many are shown. */

export const TYPE_AHEAD_LIMIT = 15;

export interface Suggestion {
  readonly title: string;
  readonly value: string;
}
