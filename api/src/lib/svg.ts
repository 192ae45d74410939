// What an SVG image may contain, judged on the parsed XML (never with regexes on the text): an
// allow-list of static SVG elements and attributes, references only inside the document (or to
// embedded PNG/JPEG data), no DOCTYPE entities, and sizes the rasteriser can afford. Pure.
import { DOMParser } from '@xmldom/xmldom';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Editors' private data (Inkscape, Sodipodi, RDF licence metadata): renderers ignore these namespaces. */
const INERT_NAMESPACES = new Set([
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://creativecommons.org/ns#',
  'http://purl.org/dc/elements/1.1/',
]);

/** Static drawing only: no script, foreignObject, animation (it can rewrite links), iframe, font loading or cursors. */
const ALLOWED_ELEMENTS = new Set(
  (
    'svg g defs symbol use switch a title desc metadata style ' +
    'path rect circle ellipse line polyline polygon text tspan textPath image ' +
    'linearGradient radialGradient stop pattern clipPath mask marker ' +
    'filter feBlend feColorMatrix feComponentTransfer feFuncR feFuncG feFuncB feFuncA feComposite feConvolveMatrix ' +
    'feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feGaussianBlur feImage feMerge feMergeNode ' +
    'feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence'
  ).split(' '),
);

/** Attributes without a namespace that any allowed element may carry (geometry, presentation, paint servers, filters). */
const ALLOWED_ATTRIBUTES = new Set(
  (
    'id class style lang tabindex role transform version baseProfile width height x y viewBox preserveAspectRatio ' +
    'x1 y1 x2 y2 cx cy r rx ry fx fy fr d points pathLength dx dy rotate textLength lengthAdjust startOffset method spacing side href ' +
    'fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit ' +
    'stroke-dasharray stroke-dashoffset opacity color display visibility overflow clip clip-path clip-rule mask filter ' +
    'marker-start marker-mid marker-end stop-color stop-opacity font font-family font-size font-size-adjust font-weight font-style ' +
    'font-variant font-stretch font-kerning text-anchor text-decoration dominant-baseline alignment-baseline baseline-shift ' +
    'letter-spacing word-spacing writing-mode direction unicode-bidi text-rendering shape-rendering image-rendering ' +
    'color-interpolation color-interpolation-filters color-rendering flood-color flood-opacity lighting-color ' +
    'mix-blend-mode isolation paint-order vector-effect enable-background transform-origin transform-box ' +
    'gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits patternTransform ' +
    'clipPathUnits maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY orient ' +
    'filterUnits primitiveUnits in in2 result stdDeviation edgeMode mode type values operator k1 k2 k3 k4 ' +
    'tableValues slope intercept amplitude exponent order kernelMatrix divisor bias targetX targetY preserveAlpha ' +
    'kernelUnitLength surfaceScale diffuseConstant specularConstant specularExponent scale xChannelSelector yChannelSelector ' +
    'azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle radius baseFrequency numOctaves seed stitchTiles ' +
    'media requiredFeatures requiredExtensions systemLanguage'
  ).split(/\s+/),
);

export const SVG_LIMITS = {
  /** Largest width, height or viewBox side, in CSS pixels. */
  maxSide: 16_384,
  /** Largest rendered image (width × height in pixels) at the width it is drawn at. */
  maxRenderPixels: 4_194_304,
  /** Largest PNG or JPEG embedded in an SVG (decoded pixels). */
  maxEmbeddedPixels: 16_777_216,
  /** Elements after expanding every <use> reference (guards against "billion laughs" made of <use>). */
  maxElements: 10_000,
  /** Tags in the text (bounds the parser's work on hostile input). */
  maxTags: 20_000,
  /** Deepest nesting of elements. */
  maxDepth: 256,
} as const;

export interface SvgSize {
  width: number;
  height: number;
}

/** malformed: not an SVG document at all; forbidden: outside the allow-list; too_large: over a limit. */
export type SvgProblemKind = 'malformed' | 'forbidden' | 'too_large';

export type SvgCheck = { ok: true; size: SvgSize } | { ok: false; kind: SvgProblemKind; problem: string };

class SvgProblem extends Error {
  constructor(
    readonly kind: SvgProblemKind,
    message: string,
  ) {
    super(message);
  }
}

const fail = (problem: string, kind: SvgProblemKind = 'forbidden'): never => {
  throw new SvgProblem(kind, problem);
};
const failTooLarge = (problem: string): never => fail(problem, 'too_large');
const failMalformed = (problem: string): never => fail(problem, 'malformed');

const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

// ---------------------------------------------------------------------------------------------
// Embedded raster images

/** Width and height of a PNG (IHDR) or JPEG (first SOF marker), or null when the bytes are neither. */
export function rasterDimensions(bytes: Buffer): SvgSize | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  return null;
}

const EMBEDDED_IMAGE = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=\s]*)$/i;

function embeddedImageProblem(href: string): string | null {
  const match = EMBEDDED_IMAGE.exec(href);
  if (!match) return null;
  const size = rasterDimensions(Buffer.from(match[2].replace(/\s+/g, ''), 'base64'));
  if (!size || size.width === 0 || size.height === 0) return `an embedded image that is not a valid ${match[1].toUpperCase()}`;
  if (size.width > SVG_LIMITS.maxSide || size.height > SVG_LIMITS.maxSide || size.width * size.height > SVG_LIMITS.maxEmbeddedPixels) {
    failTooLarge(`an embedded image of ${size.width}×${size.height} pixels (at most ${SVG_LIMITS.maxEmbeddedPixels} pixels and ${SVG_LIMITS.maxSide} per side)`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// References and CSS

/** What a browser sees of a URL's scheme: control characters and whitespace inside it are skipped. */
const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))?.[1].toLowerCase() ?? null;

function referenceProblem(url: string, element: string): string | null {
  const scheme = schemeOf(url);
  if (scheme === 'javascript' || scheme === 'vbscript') return `a ${scheme}: URL`;
  if (url.startsWith('#') && url.length > 1 && !/[\s\u0000-\u001f]/.test(url)) return null;
  if ((element === 'image' || element === 'feImage') && EMBEDDED_IMAGE.test(url)) return embeddedImageProblem(url);
  return `a reference to ${quote(url)} (only #fragment references inside the image, and PNG or JPEG data: URIs on <image>, are allowed)`;
}

/** CSS as a browser reads it: comments removed, escapes (\75 rl, \u) decoded. */
function decodeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
    .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?/gi, (_match, hex: string) => {
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    })
    .replace(/\\\r?\n/g, '')
    .replace(/\\(.)/g, '$1');
}

const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi;

/** Problems in CSS text (a style attribute, a <style> element, or a presentation attribute that takes url()). */
function cssProblem(css: string): string | null {
  const text = decodeCss(css);
  const lower = text.toLowerCase();
  // CSS never needs "<": refusing it keeps "</style><script>" out even if the SVG is ever pasted into HTML.
  if (text.includes('<')) return 'a "<" inside CSS';
  if (lower.includes('@import')) return 'a CSS @import';
  if (/expression\s*\(/.test(lower)) return 'a CSS expression()';
  if (/-moz-binding|behaviou?r\s*:/.test(lower)) return 'a CSS binding';
  if (/javascript\s*:/.test(lower)) return 'a javascript: URL';
  if (/\b(image-set|src)\s*\(/.test(lower)) return 'a CSS image-set() or src() reference';
  const urls = [...text.matchAll(CSS_URL)];
  if (urls.length !== (lower.match(/url\s*\(/g) ?? []).length) return 'a CSS url() that cannot be read';
  // Inside CSS only #fragment references (gradients, clip paths, filters) are allowed.
  for (const [, double, single, bare] of urls) {
    const problem = referenceProblem(double ?? single ?? bare ?? '', 'css');
    if (problem) return problem;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Walking the tree

type XmlNode = {
  nodeType: number;
  nodeName: string;
  localName?: string | null;
  namespaceURI?: string | null;
  childNodes: ArrayLike<XmlNode>;
  attributes?: ArrayLike<XmlAttribute>;
  textContent?: string | null;
  target?: string;
  internalSubset?: string | null;
  getAttribute?(name: string): string | null;
};

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PROCESSING_INSTRUCTION = 7;
const COMMENT = 8;
const DOCUMENT_TYPE = 10;

type XmlAttribute = { name: string; localName: string | null; namespaceURI: string | null; value: string };

const isNamespaceDeclaration = ({ name, namespaceURI }: XmlAttribute) => namespaceURI === XMLNS_NS || name === 'xmlns' || name.startsWith('xmlns:');

/** What makes an attribute dangerous whatever the element: a handler, a link out of the image, CSS that loads or runs something. */
function attributeDanger(attribute: XmlAttribute, element: string): string | null {
  const { name, namespaceURI, value } = attribute;
  const local = attribute.localName ?? name;
  if (isNamespaceDeclaration(attribute)) return null;
  if (/^on/i.test(local)) return `an event handler attribute (${name})`;
  if (local === 'href' && (!namespaceURI || namespaceURI === XLINK_NS)) return referenceProblem(value, element);
  // Presentation attributes are CSS values too (fill="url(#g)").
  if (local === 'style' || /url\s*\(|\\/i.test(value)) return cssProblem(value);
  return null;
}

function attributeAllowed(attribute: XmlAttribute, elementNamespace: string | null): boolean {
  const { name, namespaceURI } = attribute;
  const local = attribute.localName ?? name;
  if (isNamespaceDeclaration(attribute)) return true;
  if (!namespaceURI) {
    // Editors' own elements carry their settings as plain attributes; nothing renders them.
    if (elementNamespace !== null && INERT_NAMESPACES.has(elementNamespace)) return true;
    return ALLOWED_ATTRIBUTES.has(local) || /^(aria|data)-[a-z0-9_.-]+$/i.test(local);
  }
  if (namespaceURI === XLINK_NS) return local === 'href' || local === 'title';
  if (namespaceURI === XML_NS) return local === 'space' || local === 'lang';
  return INERT_NAMESPACES.has(namespaceURI);
}

function elementProblem(node: XmlNode): string | null {
  const name = node.localName ?? node.nodeName;
  const namespace = node.namespaceURI ?? null;
  const attributes = Array.from(node.attributes ?? []);
  // Dangerous values first, so that <a href="javascript:…"> is reported for what makes it dangerous.
  for (const attribute of attributes) {
    const danger = attributeDanger(attribute, name);
    if (danger) return danger;
  }
  if (namespace === SVG_NS || namespace === null) {
    if (!ALLOWED_ELEMENTS.has(name)) return `a <${name}> element`;
  } else if (!INERT_NAMESPACES.has(namespace)) {
    return `a <${node.nodeName}> element from the namespace ${namespace}`;
  }
  const unknown = attributes.find((attribute) => !attributeAllowed(attribute, namespace));
  if (unknown) return `the attribute ${unknown.name} on <${name}>`;
  if (name === 'style' && (namespace === SVG_NS || namespace === null)) {
    const type = node.getAttribute?.('type');
    if (type && type.trim().toLowerCase() !== 'text/css') return `a <style> of type ${quote(type)}`;
    return cssProblem(node.textContent ?? '');
  }
  return null;
}

/** The elements of the tree, depth first, refusing anything not on the allow-list. */
function checkTree(root: XmlNode): XmlNode[] {
  const elements: XmlNode[] = [];
  const stack: Array<{ node: XmlNode; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.nodeType === ELEMENT) {
      const problem = elementProblem(node);
      if (problem) fail(problem);
      elements.push(node);
      if (elements.length > SVG_LIMITS.maxElements) failTooLarge(`more than ${SVG_LIMITS.maxElements} elements`);
      if (depth > SVG_LIMITS.maxDepth) failTooLarge(`elements nested more than ${SVG_LIMITS.maxDepth} deep`);
      for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push({ node: node.childNodes[index], depth: depth + 1 });
    } else if (node.nodeType === PROCESSING_INSTRUCTION) {
      fail(`a processing instruction (<?${node.target ?? node.nodeName}?>)`);
    } else if (node.nodeType !== TEXT && node.nodeType !== CDATA && node.nodeType !== COMMENT) {
      fail(`an unexpected ${node.nodeName} node`);
    }
  }
  return elements;
}

/** Elements once every <use> is expanded (a <use> draws its target again); refuses loops and explosions. */
function expandedElementCount(elements: XmlNode[]): number {
  const byId = new Map<string, XmlNode>();
  for (const element of elements) {
    const id = element.getAttribute?.('id');
    if (id && !byId.has(id)) byId.set(id, element);
  }
  const cap = SVG_LIMITS.maxElements + 1;
  const counted = new Map<XmlNode, number>();
  const inProgress = new Set<XmlNode>();
  const count = (element: XmlNode, depth: number): number => {
    const known = counted.get(element);
    if (known !== undefined) return known;
    if (inProgress.has(element)) fail('a <use> that refers to itself');
    if (depth > 4 * SVG_LIMITS.maxDepth) failTooLarge('<use> references nested too deep');
    inProgress.add(element);
    let total = 1;
    for (const child of Array.from(element.childNodes)) if (child.nodeType === ELEMENT) total = Math.min(cap, total + count(child, depth + 1));
    if ((element.localName ?? element.nodeName) === 'use') {
      const href = element.getAttribute?.('href') || element.getAttribute?.('xlink:href') || '';
      const target = href.startsWith('#') ? byId.get(href.slice(1)) : undefined;
      if (target) total = Math.min(cap, total + count(target, depth + 1));
    }
    inProgress.delete(element);
    counted.set(element, total);
    return total;
  };
  return count(elements[0], 1);
}

// ---------------------------------------------------------------------------------------------
// Size

const UNIT_PX: Record<string, number> = { '': 1, px: 1, pt: 96 / 72, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, em: 16, ex: 8 };

/** A length in CSS pixels; null when absent or relative (percentages). */
function lengthPx(value: string | null | undefined, what: string): number | null {
  if (value === null || value === undefined || value.trim() === '' || value.trim().endsWith('%') || value.trim() === 'auto') return null;
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex)?\s*$/i.exec(value);
  if (!match) return failMalformed(`a ${what} that is not a length (${quote(value)})`);
  return Number(match[1]) * UNIT_PX[(match[2] ?? '').toLowerCase()];
}

function checkSide(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) failMalformed(`a ${what} that is not a positive number`);
  if (value > SVG_LIMITS.maxSide) failTooLarge(`a ${what} of ${Math.round(value)} (at most ${SVG_LIMITS.maxSide})`);
  return value;
}

/** The size the image declares (width/height, else its viewBox, else 100×100 as renderers assume). */
function declaredSize(root: XmlNode): SvgSize {
  const viewBoxText = root.getAttribute?.('viewBox');
  let viewBox: SvgSize | null = null;
  if (viewBoxText) {
    const numbers = viewBoxText.trim().split(/[\s,]+/).map(Number);
    if (numbers.length !== 4 || numbers.some((number) => !Number.isFinite(number))) failMalformed(`a viewBox that is not four numbers (${quote(viewBoxText)})`);
    viewBox = { width: checkSide(numbers[2], 'viewBox width'), height: checkSide(numbers[3], 'viewBox height') };
  }
  const width = lengthPx(root.getAttribute?.('width'), 'width');
  const height = lengthPx(root.getAttribute?.('height'), 'height');
  if (width !== null) checkSide(width, 'width');
  if (height !== null) checkSide(height, 'height');
  if (width !== null && height !== null) return { width, height };
  if (viewBox) {
    if (width !== null) return { width, height: checkSide((width * viewBox.height) / viewBox.width, 'height') };
    if (height !== null) return { width: checkSide((height * viewBox.width) / viewBox.height, 'width'), height };
    return viewBox;
  }
  return { width: width ?? 100, height: height ?? 100 };
}

/** Why drawing an image of this size at `width` pixels wide would be too large, or null. */
export function renderSizeProblem(size: SvgSize, width: number): string | null {
  const height = Math.ceil((width * size.height) / size.width);
  if (!Number.isFinite(height) || width * height > SVG_LIMITS.maxRenderPixels) {
    return `an image of ${Math.round(size.width)}×${Math.round(size.height)} would be ${width}×${height} pixels when drawn ${width} pixels wide (at most ${SVG_LIMITS.maxRenderPixels} pixels)`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/** Parses an SVG document and checks it against the allow-list and the limits. */
export function checkSvg(text: string): SvgCheck {
  // Bounds the parser's work before it starts: every element, comment or declaration begins with "<".
  let tags = 0;
  for (let index = text.indexOf('<'); index !== -1; index = text.indexOf('<', index + 1)) {
    if (++tags > SVG_LIMITS.maxTags) return { ok: false, kind: 'too_large', problem: `more than ${SVG_LIMITS.maxTags} tags` };
  }
  let document: XmlNode;
  try {
    // The first complaint of the parser, however mild, stops it: only clean XML is accepted.
    const stop = (_level: string, message: string) => {
      throw new SvgProblem('malformed', message.split('\n')[0]);
    };
    document = new DOMParser({ onError: stop }).parseFromString(text, 'application/xml') as unknown as XmlNode;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (/entity/i.test(message)) return { ok: false, kind: 'forbidden', problem: `an undeclared or custom entity (${message})` };
    return { ok: false, kind: 'malformed', problem: `not well-formed XML (${message})` };
  }
  try {
    let root: XmlNode | null = null;
    for (const node of Array.from(document.childNodes)) {
      if (node.nodeType === ELEMENT) root = node;
      else if (node.nodeType === DOCUMENT_TYPE && node.internalSubset) fail('a DOCTYPE with an internal subset (entity declarations)');
      else if (node.nodeType === PROCESSING_INSTRUCTION && node.target !== 'xml') fail(`a processing instruction (<?${node.target}?>)`);
    }
    if (!root || (root.localName ?? root.nodeName) !== 'svg') failMalformed('no root <svg> element');
    const elements = checkTree(root!);
    if (root!.namespaceURI !== SVG_NS) failMalformed(`no root <svg> element in the SVG namespace (add xmlns="${SVG_NS}")`);
    if (expandedElementCount(elements) > SVG_LIMITS.maxElements) failTooLarge(`more than ${SVG_LIMITS.maxElements} elements once <use> references are expanded`);
    return { ok: true, size: declaredSize(root!) };
  } catch (error) {
    if (error instanceof SvgProblem) return { ok: false, kind: error.kind, problem: error.message };
    throw error;
  }
}
