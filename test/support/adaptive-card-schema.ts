/**
 * The Adaptive Cards 1.5 JSON schema (the version Teams renders), written here so the tests run offline.
 * It follows the published schema http://adaptivecards.io/schemas/1.5.0/adaptive-card.json
 * (microsoft/AdaptiveCards, schemas/1.5.0/adaptive-card.json) definition by definition: the same element
 * and action types, the same properties per type with `additionalProperties: false`, the same required
 * properties, value types and enums (case-insensitive, as the published patterns allow). Only the
 * descriptions are left out. Like the published schema it knows no 1.6 additions (`choices.data`,
 * `Data.Query`, …), so a card using them fails here as it would in a 1.5 host.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
/** An enum matched case-insensitively, like the published patterns `^([d|D][e|E]…)$`. */
const caseless = (...values: string[]): Schema => ({
  type: 'string',
  pattern: `^(${values.map((v) => [...v].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('')).join('|')})$`,
});
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const num: Schema = { type: 'number' };
const uri: Schema = { type: 'string', format: 'uri-reference' };
const requires: Schema = { type: 'object', additionalProperties: { type: 'string' } };

/** A definition: its own properties plus the shared ones, nothing else, and a `type` constant. */
function typed(type: string, own: Schema, shared: Schema, required: string[] = []): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...required],
    properties: { type: { enum: [type] }, ...shared, ...own },
  };
}

const elementShared: Schema = {
  fallback: { anyOf: [ref('Element'), ref('FallbackOption')] },
  height: ref('BlockElementHeight'),
  separator: bool,
  spacing: ref('Spacing'),
  id: str,
  isVisible: bool,
  requires,
};
const inputShared: Schema = {
  ...elementShared,
  id: str,
  errorMessage: str,
  isRequired: bool,
  label: str,
};
const actionShared: Schema = {
  title: str,
  iconUrl: uri,
  id: str,
  style: ref('ActionStyle'),
  fallback: { anyOf: [ref('Action'), ref('FallbackOption')] },
  tooltip: str,
  isEnabled: bool,
  mode: ref('ActionMode'),
  requires,
};
const containerLike: Schema = {
  selectAction: ref('ISelectAction'),
  style: nullable(ref('ContainerStyle')),
  verticalContentAlignment: nullable(ref('VerticalAlignment')),
  bleed: bool,
  backgroundImage: { anyOf: [ref('BackgroundImage'), uri] },
  minHeight: str,
  rtl: nullable(bool),
};
/**
 * One of the named types, chosen by `type` (the published schema says `anyOf`; choosing by `type` accepts
 * and refuses the same cards and names the one definition a card departs from).
 */
const oneOfTypes = (...names: string[]): Schema => ({
  type: 'object',
  required: ['type'],
  properties: { type: { enum: names } },
  allOf: names.map((name) => ({ if: { properties: { type: { const: name } } }, then: ref(name) })),
});
const ELEMENTS = [
  'ActionSet',
  'ColumnSet',
  'Container',
  'FactSet',
  'Image',
  'ImageSet',
  'Input.ChoiceSet',
  'Input.Date',
  'Input.Number',
  'Input.Text',
  'Input.Time',
  'Input.Toggle',
  'Media',
  'RichTextBlock',
  'Table',
  'TextBlock',
];
const ACTIONS = [
  'Action.Execute',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.Submit',
  'Action.ToggleVisibility',
];
const actionData: Schema = { anyOf: [str, { type: 'object' }] };

const definitions: Record<string, Schema> = {
  Element: oneOfTypes(...ELEMENTS),
  Action: oneOfTypes(...ACTIONS),
  ISelectAction: oneOfTypes('Action.Execute', 'Action.OpenUrl', 'Action.Submit', 'Action.ToggleVisibility'),

  AdaptiveCard: {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { enum: ['AdaptiveCard'] },
      version: str,
      refresh: ref('Refresh'),
      authentication: { type: 'object' },
      body: { type: 'array', items: ref('Element') },
      actions: { type: 'array', items: ref('Action') },
      selectAction: ref('ISelectAction'),
      fallbackText: str,
      backgroundImage: { anyOf: [ref('BackgroundImage'), uri] },
      minHeight: str,
      rtl: nullable(bool),
      speak: str,
      lang: str,
      verticalContentAlignment: ref('VerticalAlignment'),
      $schema: { type: 'string', format: 'uri' },
    },
  },
  Refresh: {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { enum: ['Refresh'] },
      action: ref('Action.Execute'),
      userIds: { type: 'array', items: str },
    },
  },
  BackgroundImage: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: {
      type: { enum: ['BackgroundImage'] },
      url: uri,
      fillMode: caseless('cover', 'repeatHorizontally', 'repeatVertically', 'repeat'),
      horizontalAlignment: ref('HorizontalAlignment'),
      verticalAlignment: ref('VerticalAlignment'),
    },
  },

  'Action.Execute': typed(
    'Action.Execute',
    { verb: str, data: actionData, associatedInputs: ref('AssociatedInputs') },
    actionShared,
  ),
  'Action.OpenUrl': typed('Action.OpenUrl', { url: uri }, actionShared, ['url']),
  'Action.ShowCard': typed('Action.ShowCard', { card: ref('AdaptiveCard') }, actionShared),
  'Action.Submit': typed(
    'Action.Submit',
    { data: actionData, associatedInputs: ref('AssociatedInputs') },
    actionShared,
  ),
  'Action.ToggleVisibility': typed(
    'Action.ToggleVisibility',
    {
      targetElements: {
        type: 'array',
        items: {
          anyOf: [
            str,
            {
              type: 'object',
              additionalProperties: false,
              required: ['elementId'],
              properties: { type: { enum: ['TargetElement'] }, elementId: str, isVisible: nullable(bool) },
            },
          ],
        },
      },
    },
    actionShared,
    ['targetElements'],
  ),

  ActionSet: typed('ActionSet', { actions: { type: 'array', items: ref('Action') } }, elementShared, [
    'actions',
  ]),
  Container: typed(
    'Container',
    { items: { type: 'array', items: ref('Element') }, ...containerLike },
    elementShared,
    ['items'],
  ),
  ColumnSet: typed(
    'ColumnSet',
    {
      columns: { type: 'array', items: ref('Column') },
      selectAction: ref('ISelectAction'),
      style: nullable(ref('ContainerStyle')),
      bleed: bool,
      minHeight: str,
      horizontalAlignment: nullable(ref('HorizontalAlignment')),
    },
    elementShared,
  ),
  Column: {
    // A Column is no element of its own (only inside a ColumnSet), so `type` is optional there.
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { enum: ['Column'] },
      items: { type: 'array', items: ref('Element') },
      ...containerLike,
      fallback: { anyOf: [ref('Column'), ref('FallbackOption')] },
      separator: bool,
      spacing: ref('Spacing'),
      width: { anyOf: [str, num] },
      id: str,
      isVisible: bool,
      requires,
    },
  },
  FactSet: typed(
    'FactSet',
    {
      facts: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'value'],
          properties: { type: { enum: ['Fact'] }, title: str, value: str },
        },
      },
    },
    elementShared,
    ['facts'],
  ),
  Image: typed(
    'Image',
    {
      url: uri,
      altText: str,
      backgroundColor: str,
      height: { anyOf: [str, ref('BlockElementHeight')] },
      horizontalAlignment: nullable(ref('HorizontalAlignment')),
      selectAction: ref('ISelectAction'),
      size: ref('ImageSize'),
      style: caseless('default', 'person'),
      width: str,
    },
    elementShared,
    ['url'],
  ),
  ImageSet: typed(
    'ImageSet',
    { images: { type: 'array', items: ref('Image') }, imageSize: ref('ImageSize') },
    elementShared,
    ['images'],
  ),
  Media: typed(
    'Media',
    {
      sources: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['mimeType', 'url'],
          properties: { type: { enum: ['MediaSource'] }, mimeType: str, url: uri },
        },
      },
      poster: uri,
      altText: str,
    },
    elementShared,
    ['sources'],
  ),
  RichTextBlock: typed(
    'RichTextBlock',
    {
      inlines: {
        type: 'array',
        items: {
          anyOf: [
            str,
            {
              type: 'object',
              additionalProperties: false,
              required: ['text'],
              properties: {
                type: { enum: ['TextRun'] },
                text: str,
                color: nullable(ref('Colors')),
                fontType: nullable(ref('FontType')),
                highlight: bool,
                isSubtle: nullable(bool),
                italic: bool,
                selectAction: ref('ISelectAction'),
                size: nullable(ref('FontSize')),
                strikethrough: bool,
                underline: bool,
                weight: nullable(ref('FontWeight')),
              },
            },
          ],
        },
      },
      horizontalAlignment: nullable(ref('HorizontalAlignment')),
    },
    elementShared,
    ['inlines'],
  ),
  Table: typed(
    'Table',
    {
      columns: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            type: { enum: ['TableColumnDefinition'] },
            width: { anyOf: [str, num] },
            horizontalCellContentAlignment: nullable(ref('HorizontalAlignment')),
            verticalCellContentAlignment: nullable(ref('VerticalAlignment')),
          },
        },
      },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            type: { enum: ['TableRow'] },
            cells: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['items'],
                properties: {
                  type: { enum: ['TableCell'] },
                  items: { type: 'array', items: ref('Element') },
                  ...containerLike,
                },
              },
            },
            style: nullable(ref('ContainerStyle')),
            horizontalCellContentAlignment: nullable(ref('HorizontalAlignment')),
            verticalCellContentAlignment: nullable(ref('VerticalAlignment')),
          },
        },
      },
      firstRowAsHeader: bool,
      showGridLines: bool,
      gridStyle: nullable(ref('ContainerStyle')),
      horizontalCellContentAlignment: nullable(ref('HorizontalAlignment')),
      verticalCellContentAlignment: nullable(ref('VerticalAlignment')),
    },
    elementShared,
  ),
  TextBlock: typed(
    'TextBlock',
    {
      text: str,
      color: nullable(ref('Colors')),
      fontType: nullable(ref('FontType')),
      horizontalAlignment: nullable(ref('HorizontalAlignment')),
      isSubtle: nullable(bool),
      maxLines: num,
      size: nullable(ref('FontSize')),
      weight: nullable(ref('FontWeight')),
      wrap: bool,
      style: nullable(caseless('default', 'heading')),
    },
    elementShared,
    ['text'],
  ),

  'Input.ChoiceSet': typed(
    'Input.ChoiceSet',
    {
      choices: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'value'],
          properties: { type: { enum: ['Input.Choice'] }, title: str, value: str },
        },
      },
      isMultiSelect: bool,
      style: caseless('compact', 'expanded', 'filtered'),
      value: str,
      placeholder: str,
      wrap: bool,
    },
    inputShared,
    ['id'],
  ),
  'Input.Date': typed('Input.Date', { max: str, min: str, placeholder: str, value: str }, inputShared, [
    'id',
  ]),
  'Input.Number': typed('Input.Number', { max: num, min: num, placeholder: str, value: num }, inputShared, [
    'id',
  ]),
  'Input.Text': typed(
    'Input.Text',
    {
      isMultiline: bool,
      maxLength: num,
      placeholder: str,
      regex: str,
      style: caseless('text', 'tel', 'url', 'email', 'password'),
      inlineAction: ref('ISelectAction'),
      value: str,
    },
    inputShared,
    ['id'],
  ),
  'Input.Time': typed('Input.Time', { max: str, min: str, placeholder: str, value: str }, inputShared, [
    'id',
  ]),
  'Input.Toggle': typed(
    'Input.Toggle',
    { title: str, value: str, valueOff: str, valueOn: str, wrap: bool },
    inputShared,
    ['id', 'title'],
  ),

  ActionMode: caseless('primary', 'secondary'),
  ActionStyle: caseless('default', 'positive', 'destructive'),
  AssociatedInputs: caseless('auto', 'none'),
  BlockElementHeight: caseless('auto', 'stretch'),
  Colors: caseless('default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'),
  ContainerStyle: caseless('default', 'emphasis', 'good', 'attention', 'warning', 'accent'),
  FallbackOption: caseless('drop'),
  FontSize: caseless('default', 'small', 'medium', 'large', 'extraLarge'),
  FontType: caseless('default', 'monospace'),
  FontWeight: caseless('default', 'lighter', 'bolder'),
  HorizontalAlignment: caseless('left', 'center', 'right'),
  ImageSize: caseless('auto', 'stretch', 'small', 'medium', 'large'),
  Spacing: caseless('default', 'none', 'small', 'medium', 'large', 'extraLarge', 'padding'),
  VerticalAlignment: caseless('top', 'center', 'bottom'),
};

/** The top-level card: an AdaptiveCard that states its version. */
export const ADAPTIVE_CARD_1_5_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'http://adaptivecards.io/schemas/1.5.0/adaptive-card.json',
  definitions,
  allOf: [ref('AdaptiveCard'), { required: ['type', 'version'] }],
};
