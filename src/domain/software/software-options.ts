/**
 * What a software purchase entitles the customer to download (R-KEY-1): the versions, languages and either
 * file types / OS (server subscriptions) or bitness (on-premises software) the user chooses from, and where
 * the file for a choice lives. Stored as JSON in `products.softwareOptions`; parse it with this schema.
 */
import { z } from 'zod';

export const SoftwareVariantKindSchema = z.enum(['file-type', 'bitness']);
export type SoftwareVariantKind = z.infer<typeof SoftwareVariantKindSchema>;

export const SoftwareVariantSchema = z.object({
  /** Stable id, used in the file URL, e.g. `iso-x64` or `x64`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'variant ids are lowercase slugs'),
  /** What the user sees, e.g. `ISO (x64)` or `64-bit`. */
  label: z.string().min(1),
});
export type SoftwareVariant = z.infer<typeof SoftwareVariantSchema>;

/** The placeholders a file URL template must contain; `{product}` is the product id. */
export const FILE_URL_PLACEHOLDERS = ['{product}', '{version}', '{language}', '{variant}'] as const;

export const SoftwareOptionsSchema = z
  .object({
    versions: z.array(z.string().min(1)).min(1),
    /** BCP 47 language tags, e.g. `en-US`, `ko-KR`. */
    languages: z.array(z.string().min(1)).min(1),
    variants: z.array(SoftwareVariantSchema).min(1),
    variantKind: SoftwareVariantKindSchema,
    /** e.g. `https://downloads.example.test/{product}/{version}/{language}/{variant}.iso` */
    fileUrlTemplate: z
      .string()
      .startsWith('https://')
      .refine((template) => FILE_URL_PLACEHOLDERS.every((placeholder) => template.includes(placeholder)), {
        message: `the file URL template must contain ${FILE_URL_PLACEHOLDERS.join(', ')}`,
      }),
  })
  .refine(
    (options) => new Set(options.variants.map((variant) => variant.id)).size === options.variants.length,
    {
      message: 'variant ids must be unique',
    },
  );
export type SoftwareOptions = z.infer<typeof SoftwareOptionsSchema>;

export interface SoftwareChoice {
  readonly productId: string;
  readonly version: string;
  readonly language: string;
  readonly variant: string;
}

/** True when the choice is one the options offer. */
export const isOfferedChoice = (
  options: SoftwareOptions,
  choice: Omit<SoftwareChoice, 'productId'>,
): boolean =>
  options.versions.includes(choice.version) &&
  options.languages.includes(choice.language) &&
  options.variants.some((variant) => variant.id === choice.variant);

/** The file location for a choice: the template with each placeholder replaced by its URL-encoded value. */
export const fileUrlFor = (options: SoftwareOptions, choice: SoftwareChoice): string =>
  options.fileUrlTemplate
    .replaceAll('{product}', encodeURIComponent(choice.productId))
    .replaceAll('{version}', encodeURIComponent(choice.version))
    .replaceAll('{language}', encodeURIComponent(choice.language))
    .replaceAll('{variant}', encodeURIComponent(choice.variant));
