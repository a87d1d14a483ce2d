/**
 * PNG output: the SVG picture rasterised by resvg (the renderer the SVG tests check pixels with),
 * at the SVG's own size. resvg is loaded on first use, so commands without `--png` never load its
 * native binary.
 */

/** The PNG bytes of `svg` rendered by resvg, with the system fonts for the text. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}
