// The dependency rules of the layers as allow-lists (docs/architecture.md): a file may import only what its
// layer's list names. Each import specifier is resolved against the importing file's folder, so the rules
// keep holding when files move into subfolders.
import { builtinModules } from 'node:module';
import path from 'node:path';

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** `node:fs` and `fs` are both the built-in `fs`; anything else is not a built-in. */
const builtinName = (specifier) => {
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  const root = bare.split('/')[0];
  return specifier.startsWith('node:') || BUILTINS.has(root) ? bare : null;
};

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/** A package pattern: an exact name, or a prefix ending in `*` (`botbuilder*`, `adaptivecards*`). */
const matchesPattern = (name, pattern) =>
  pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;

const toPosix = (p) => p.split(path.sep).join('/');

/** Whether `target` (relative to the project root, posix) is `entry` or lies inside the folder `entry/`. */
const within = (target, entry) => {
  const clean = entry.replace(/\/$/, '');
  return target === clean || target.startsWith(`${clean}/`);
};

/** The file a relative specifier names, relative to the project root; `.js` names its `.ts` source. */
const resolveRelative = (root, filename, specifier) => {
  const absolute = path.resolve(path.dirname(filename), specifier);
  return toPosix(path.relative(root, absolute)).replace(/\.js$/, '.ts');
};

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A layer imports only what its allow-list names.' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          packages: { type: 'array', items: { type: 'string' } },
          builtins: { type: 'array', items: { type: 'string' } },
          paths: { type: 'array', items: { type: 'string' } },
          forbiddenPaths: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      package: "{{layer}} may not import the package '{{name}}' (not on its allow-list).",
      builtin: "{{layer}} may not import the Node built-in '{{name}}' (not on its allow-list).",
      path: "{{layer}} may not import '{{specifier}}' ({{target}} is outside what it may import).",
      forbidden: "{{layer}} may never import '{{specifier}}' ({{target}}).",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const layer = options.layer ?? 'This layer';
    const root = context.cwd;
    const filename = context.filename;

    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const report = (messageId, data) =>
        context.report({ node, messageId, data: { layer, specifier, ...data } });
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = resolveRelative(root, filename, specifier);
        if ((options.forbiddenPaths ?? []).some((entry) => within(target, entry))) {
          report('forbidden', { target });
        } else if (options.paths && !options.paths.some((entry) => within(target, entry))) {
          report('path', { target });
        }
        return;
      }
      const builtin = builtinName(specifier);
      if (builtin !== null) {
        if (options.builtins && !options.builtins.some((allowed) => matchesPattern(builtin, allowed))) {
          report('builtin', { name: specifier });
        }
        return;
      }
      const name = packageName(specifier);
      if (options.packages && !options.packages.some((pattern) => matchesPattern(name, pattern))) {
        report('package', { name });
      }
    };

    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
        else
          context.report({
            node,
            messageId: 'path',
            data: { layer, specifier: '(computed)', target: 'unknown' },
          });
      },
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.source;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          check(node.moduleReference, node.moduleReference.expression.value);
        }
      },
    };
  },
};

export default { meta: { name: 'layer-rules' }, rules: { 'allowed-imports': allowedImports } };
