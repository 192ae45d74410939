// The SVG renderer's own process (plain JavaScript: it runs without a TypeScript loader). resvg is
// synchronous native code that nothing can interrupt inside a process, so the server runs it
// here, under a memory limit, and kills the process when a render takes too long.
import { Resvg } from '@resvg/resvg-js';

process.on('message', (job) => {
  const { id, svg, width, maxPixels } = job;
  try {
    const resvg = new Resvg(Buffer.from(svg), {
      fitTo: { mode: 'width', value: width },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      logLevel: 'off',
    });
    // resvg's own idea of the image's size is the one that decides how much it allocates.
    const height = Math.ceil((width * resvg.height) / resvg.width);
    if (!(resvg.width > 0 && resvg.height > 0) || !Number.isFinite(height) || width * height > maxPixels) {
      process.send({ id, error: 'too_large', message: `the image would be ${width}×${height} pixels (at most ${maxPixels})` });
      return;
    }
    const png = resvg.render().asPng();
    process.send({ id, png });
  } catch (error) {
    process.send({ id, error: 'invalid', message: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
