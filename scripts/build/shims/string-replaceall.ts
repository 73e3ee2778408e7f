/**
 * `string.prototype.replaceall` in the bundle: the library calls it as
 * `replaceAll(string, search, replacement)` to redact secrets. Node has had
 * `String.prototype.replaceAll` since 15, so the polyfill (and the es-abstract,
 * get-intrinsic and object-inspect it pulls in) is left out.
 */
function replaceAll(value: unknown, search: unknown, replacement: unknown): string {
    // Called on the value, as the polyfill does: a non-string is converted first.
    return Reflect.apply(String.prototype.replaceAll, value, [search, replacement]);
}

export = replaceAll;
