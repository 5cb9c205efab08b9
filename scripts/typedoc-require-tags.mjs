// TypeDoc plugin: every documented call of the public surface says what each parameter is
// (@param) and what it returns (@returns, unless void), so `npm run docs` warns — and with
// treatWarningsAsErrors fails — naming each call that lacks one.

import { Converter, ReflectionKind } from 'typedoc';

/** True for void, undefined, never, and a Promise or MaybePromise of one of them. */
function isVoid(t) {
  if (t === undefined) return true;
  if (t.type === 'intrinsic') return t.name === 'void' || t.name === 'undefined' || t.name === 'never';
  if (t.type === 'reference' && (t.name === 'Promise' || t.name === 'MaybePromise')) {
    return t.typeArguments?.length === 1 && isVoid(t.typeArguments[0]);
  }
  return false;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const seen = new Set();
    for (const r of context.project.getReflectionsByKind(ReflectionKind.CallSignature | ReflectionKind.ConstructorSignature)) {
      // a callback's type (an option, a Gen) is described by the declaration that holds it
      if (r.inheritedFrom !== undefined || r.parent?.kindOf(ReflectionKind.TypeLiteral)) continue;
      const src = r.sources?.[0];
      const key = src === undefined ? r.getFullName() : `${src.fullFileName}:${src.line}:${r.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const where = `${r.getFullName()}${src === undefined ? '' : `, defined in ${src.fileName}`}`;
      for (const p of r.parameters ?? []) {
        if (p.comment === undefined) app.logger.warn(`${where}: no @param for ${p.name}`);
      }
      if (r.kind === ReflectionKind.CallSignature && !isVoid(r.type) && r.comment?.getTag('@returns') === undefined) {
        app.logger.warn(`${where}: no @returns`);
      }
    }
  });
}
