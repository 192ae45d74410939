// The SVG allow-list (lib/svg.ts): classic SVG XSS payloads, the bypasses of the old regex
// checks, entity tricks, and what real editors export.
import { describe, expect, it } from 'vitest';
import { imageContentProblem } from '../src/lib/imageInput';
import { checkSvg, SVG_LIMITS } from '../src/lib/svg';
import { generateBadgeSvg } from '../src/openbadges/images';
import { ogCardSvg } from '../src/openbadges/og';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string, attributes = '') => `<svg ${NS} ${XLINK} width="64" height="64"${attributes ? ` ${attributes}` : ''}>${body}</svg>`;
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const base64 = (text: string) => Buffer.from(text).toString('base64');

function problemOf(text: string): string {
  const check = checkSvg(text);
  return check.ok ? 'accepted' : `${check.kind}: ${check.problem}`;
}

describe('SVG allow-list: refused', () => {
  it.each([
    ['a script element', svg('<script>alert(1)</script>'), /forbidden: a <script> element/],
    ['a namespaced script element', svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'), /<script> element/],
    ['an external script', svg('<script xlink:href="https://evil.example/x.js"/>'), /forbidden/],
    ['an XHTML script', svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), /h:script> element from the namespace http:\/\/www\.w3\.org\/1999\/xhtml/],
    ['foreignObject with HTML', svg('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></body></foreignObject>'), /forbidden/],
    ['an SVG iframe', svg('<iframe src="https://evil.example"/>'), /<iframe> element/],
    ['a Tiny 1.2 handler', svg('<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>'), /forbidden/],
    ['onload on the root', `<svg ${NS} onload="alert(1)"/>`, /event handler attribute \(onload\)/],
    ['an upper-case handler', svg('<rect ONCLICK="alert(1)" width="1" height="1"/>'), /event handler attribute \(ONCLICK\)/],
    ['a namespaced handler', svg('<rect x:onclick="alert(1)" xmlns:x="urn:x"/>'), /event handler attribute/],
    // The old regex check ended a tag at the first ">", even inside an attribute value.
    ['">" inside an attribute value before a handler', svg('<rect data-x=">" onmouseover="alert(1)" width="9" height="9"/>'), /event handler attribute \(onmouseover\)/],
    ['">" inside an attribute value before a javascript: link', svg('<a data-title="a>b" href="javascript:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a mixed-case javascript: link', svg('<a href="JaVaScRiPt:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a decimal-entity javascript: link', svg('<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a hex-entity javascript: link', svg('<a href="&#x6A;&#x61;&#x76;&#x61;script&#x3A;alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a tab inside the scheme', svg('<a href="java&#9;script:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a newline inside the scheme', svg('<a href="java&#10;script:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['leading spaces and controls', svg('<a href=" &#1; javascript:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ['a vbscript: link', svg('<a href="vbscript:msgbox(1)"><text>x</text></a>'), /vbscript: URL/],
    ['a data:text/html link', svg('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="><text>x</text></a>'), /reference to "data:text\/html/],
    ['an external link', svg('<a href="https://evil.example/"><text>x</text></a>'), /reference to "https:\/\/evil\.example\/"/],
    ['SMIL set rewriting a link', svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'), /<set> element/],
    ['SMIL animate rewriting a link', svg('<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>'), /<animate> element/],
    ['an external <use>', svg('<use href="https://evil.example/sprite.svg#icon"/>'), /reference to "https:\/\/evil\.example/],
    ['a data: SVG in <use>', svg(`<use href="data:image/svg+xml;base64,${base64(svg('<script>alert(1)</script>'))}#x"/>`), /reference to "data:image\/svg\+xml/],
    ['an external image (tracking pixel)', svg('<image href="https://tracker.example/pixel.png" width="1" height="1"/>'), /reference to "https:\/\/tracker\.example/],
    ['an SVG inside <image>', svg(`<image href="data:image/svg+xml;base64,${base64(svg(''))}"/>`), /reference to "data:image\/svg\+xml/],
    ['an external feImage', svg('<filter id="f"><feImage href="https://evil.example/x.png"/></filter>'), /reference to/],
    ['a PNG data: URI on <use>', svg(`<use href="data:image/png;base64,${TINY_PNG.toString('base64')}"/>`), /reference to "data:image\/png/],
    ['xml:base', svg('<a href="#x"><text>x</text></a>', 'xml:base="javascript:alert(1)//"'), /attribute xml:base/],
    ['an unknown attribute', svg('<rect width="1" height="1" target="_blank"/>'), /attribute target on <rect>/],
    ['a CSS @import', svg('<style>@import url(https://evil.example/x.css);</style>'), /@import/],
    ['an escaped CSS @import', svg('<style>@\\69mport "https://evil.example/x.css";</style>'), /@import/],
    ['an external CSS url()', svg('<style>rect { fill: url(https://evil.example/x) }</style>'), /reference to "https:\/\/evil\.example\/x"/],
    ['a CSS url() spelled with escapes', svg('<style>rect { background: \\75 rl(https://evil.example/) }</style>'), /reference to "https:\/\/evil\.example\/"/],
    ['an upper-case CSS URL()', svg('<style>rect { background: URL( "https://evil.example/" ) }</style>'), /reference to "https:\/\/evil\.example\/"/],
    ['a CSS url() behind a comment', svg('<style>rect { /* } */ fill: url(//evil.example/x) }</style>'), /reference to "\/\/evil\.example\/x"/],
    ['a javascript: url() in a style attribute', svg(`<rect style="fill:url('javascript:alert(1)')"/>`), /javascript: URL/],
    ['an external url() in a presentation attribute', svg('<rect fill="url(https://evil.example/#g)"/>'), /reference to "https:\/\/evil\.example\/#g"/],
    ['a CSS expression()', svg('<rect style="width:expression(alert(1))"/>'), /expression/],
    ['a CSS binding', svg('<rect style="-moz-binding:url(#x)"/>'), /binding/],
    ['"</style><script>" hidden in CDATA', svg('<style><![CDATA[</style><script>alert(1)</script>]]></style>'), /"<" inside CSS/],
    ['a style sheet of another type', svg('<style type="text/xsl">x</style>'), /<style> of type/],
    ['an xml-stylesheet instruction', `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>${svg('')}`, /processing instruction/],
    ['a processing instruction inside', svg('<?php echo 1; ?>'), /processing instruction/],
    ['an entity used as a link', `<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]>${svg('<a href="&x;"><text>x</text></a>')}`, /entity/],
    ['an external entity (XXE)', `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${svg('<text>&xxe;</text>')}`, /entity/],
    ['an internal subset without use', `<!DOCTYPE svg [<!ELEMENT svg ANY>]>${svg('')}`, /DOCTYPE with an internal subset/],
    ['an HTML entity XML does not know', svg('<text>&nbsp;</text>'), /entity/],
    ['a <use> loop', svg('<g id="a"><use href="#a"/></g>'), /refers to itself/],
    ['a <use> cycle through two groups', svg('<g id="a"><use href="#b"/></g><g id="b"><use xlink:href="#a"/></g>'), /refers to itself/],
  ])('%s', (_name, text, why) => {
    expect(problemOf(text)).toMatch(why);
    // And never as "accepted" through the upload path either.
    expect(imageContentProblem({ kind: 'svg', bytes: Buffer.from(text) })).not.toBeNull();
  });

  it('refuses a "billion laughs" DOCTYPE quickly', () => {
    const entities = Array.from({ length: 10 }, (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`).join('');
    const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol0 "lol">${entities}]>${svg('<text>&lol10;</text>')}`;
    const before = process.memoryUsage().heapUsed;
    expect(problemOf(laughs)).toMatch(/entity/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a "billion laughs" made of <use> references', () => {
    let body = '<defs><rect id="l0" width="1" height="1"/>';
    for (let level = 1; level <= 6; level++) body += `<g id="l${level}">${`<use href="#l${level - 1}"/>`.repeat(10)}</g>`;
    body += '</defs><use href="#l6"/>';
    expect(problemOf(svg(body))).toMatch(new RegExp(`too_large: more than ${SVG_LIMITS.maxElements} elements once <use> references are expanded`));
  });

  it('refuses documents that are not SVG, or not well-formed', () => {
    expect(problemOf('<html><svg></svg></html>')).toMatch(/malformed: no root <svg> element/);
    expect(problemOf('<svg><rect/></svg>')).toMatch(/malformed: no root <svg> element in the SVG namespace/);
    expect(problemOf(`<svg ${NS}><rect></svg>`)).toMatch(/malformed: not well-formed XML/);
    expect(problemOf(`<svg ${NS}><rect a="1" a="2"/></svg>`)).toMatch(/malformed/);
    expect(problemOf(`<svg ${NS}><rect a="<"/></svg>`)).toMatch(/malformed/);
    expect(problemOf(`<svg ${NS}/><svg ${NS}/>`)).toMatch(/malformed/);
    expect(problemOf('')).toMatch(/malformed/);
    expect(problemOf(TINY_PNG.toString('latin1'))).toMatch(/malformed/);
  });

  it('refuses nesting too deep for the renderer', () => {
    expect(problemOf(svg(`${'<g>'.repeat(SVG_LIMITS.maxDepth + 1)}${'</g>'.repeat(SVG_LIMITS.maxDepth + 1)}`))).toMatch(/too_large: elements nested more than/);
  });
});

describe('SVG allow-list: accepted', () => {
  it('accepts what this server generates (badges and social cards)', () => {
    expect(problemOf(generateBadgeSvg({ name: '<script>alert("x")</script> & friends', category: 'skill' }))).toBe('accepted');
    const card = ogCardSvg({ badgeName: 'Welding', issuerName: 'Guild', recipientName: 'Ada', category: 'skill', badgePng: TINY_PNG, host: 'badges.example' });
    expect(problemOf(card)).toBe('accepted');
  });

  it('accepts a typical editor export: prolog, SVG 1.1 DOCTYPE, Inkscape metadata, CSS, gradients, <use>, filters and an embedded PNG', () => {
    const exported = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg ${NS} ${XLINK} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
  width="210mm" height="210mm" viewBox="0 0 210 210" version="1.1" inkscape:version="1.3" sodipodi:docname="badge.svg">
  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.7"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format></cc:Work></rdf:RDF></metadata>
  <defs>
    <style type="text/css"><![CDATA[ .ribbon { fill: url(#gold); stroke: #333; } /* ribbon */ ]]></style>
    <linearGradient id="gold" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fc0"/><stop offset="1" stop-color="#c90"/></linearGradient>
    <linearGradient id="gold2" xlink:href="#gold" gradientTransform="rotate(45)"/>
    <filter id="shadow" x="-0.1" y="-0.1" width="1.2" height="1.2"><feGaussianBlur in="SourceAlpha" stdDeviation="2"/><feOffset dx="1" dy="1" result="o"/><feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
    <path id="star" d="M0,-10 L3,-3 L10,-3 L4,2 L6,10 L0,5 L-6,10 L-4,2 L-10,-3 L-3,-3 Z"/>
  </defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" filter="url(#shadow)">
    <circle cx="105" cy="105" r="100" fill="url('#gold2')" style="stroke:#000;stroke-width:2"/>
    <use xlink:href="#star" transform="translate(105 60)"/><use href="#star" x="40" y="60"/>
    <path class="ribbon" d="M10 150 H200 V180 H10 Z"/>
    <image x="90" y="90" width="30" height="30" xlink:href="data:image/png;base64,${TINY_PNG.toString('base64')}"/>
    <text x="105" y="172" text-anchor="middle" font-family="DejaVu Sans">one = two; javascript: is a language &amp; &lt;fun&gt;</text>
    <a href="#star" aria-label="star"><title>Star</title><rect width="1" height="1" data-role="hit"/></a>
  </g>
</svg>`;
    expect(problemOf(exported)).toBe('accepted');
    expect(imageContentProblem({ kind: 'svg', bytes: Buffer.from(exported) })).toBeNull();
  });
});

describe('SVG size limits', () => {
  it.each([
    ['a tall SVG', `<svg ${NS} width="10" height="1000000"/>`, /too_large: a height of 1000000/],
    ['a wide viewBox', `<svg ${NS} viewBox="0 0 1e9 10"/>`, /too_large: a viewBox width/],
    ['a huge size in other units', `<svg ${NS} width="100in" height="300in"/>`, /too_large: a height of 28800/],
    ['a zero size', `<svg ${NS} width="0" height="10"/>`, /malformed: a width that is not a positive number/],
    ['a negative viewBox', `<svg ${NS} viewBox="0 0 -5 10"/>`, /malformed/],
    ['a size that is not a length', `<svg ${NS} width="calc(1e9px)" height="1"/>`, /malformed: a width that is not a length/],
    ['a huge embedded PNG', svg(`<image href="data:image/png;base64,${Buffer.concat([TINY_PNG.subarray(0, 16), Buffer.from([0, 0, 0x9c, 0x40, 0, 0, 0x9c, 0x40]), TINY_PNG.subarray(24)]).toString('base64')}"/>`), /too_large: an embedded image of 40000×40000/],
  ])('refuses %s', (_name, text, why) => {
    expect(problemOf(text)).toMatch(why);
  });

  it('refuses an SVG whose drawing at badge width would exceed the pixel limit, though each side is allowed', () => {
    const thin = `<svg ${NS} width="100" height="16000"/>`;
    expect(problemOf(thin)).toBe('accepted');
    expect(imageContentProblem({ kind: 'svg', bytes: Buffer.from(thin) })).toMatch(/too large: .*512×81920 pixels/);
  });

  it('refuses PNG uploads beyond the pixel limit', () => {
    const huge = Buffer.concat([TINY_PNG.subarray(0, 16), Buffer.from([0, 0, 0x40, 0, 0, 0, 0x40, 0]), TINY_PNG.subarray(24)]);
    expect(imageContentProblem({ kind: 'png', bytes: huge })).toMatch(/PNG image is too large: 16384×16384/);
    expect(imageContentProblem({ kind: 'png', bytes: TINY_PNG })).toBeNull();
  });
});
