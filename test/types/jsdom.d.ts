/**
 * The part of jsdom the card tests use. `@types/jsdom` is not installed on purpose: it pulls the DOM
 * library into every file's globals, which breaks the Node typings of the webhook and Web Crypto code.
 */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: Record<string, unknown>);
    readonly window: Window & typeof globalThis;
  }
}
