// The body drawing: front and back, each area of the core's vocabulary as a
// left and a right region. Only the drawing lives here (where an area sits on
// the picture); which areas and muscles exist, their labels and views come
// from the core's vocabulary. An area without a drawing still appears, as a
// plain button beside the map (see log.ts), so a new vocabulary never hides
// a site.
import type { BodySite, Side } from '../rpc';
import { s } from './dom';

export type View = 'front' | 'back';

// The viewer's left half of each area (x < 100 in a 200 × 430 box); the other
// half is its mirror image.
const kShapes: Record<string, string> = {
  neck: 'M88 56 L100 60 L100 90 L86 88 Z',
  head_jaw: 'M100 8 C86 8 78 20 78 36 C78 52 86 64 100 66 Z',
  shoulders: 'M86 86 L100 90 L100 110 L64 112 L50 124 C48 104 52 92 64 88 Z',
  chest: 'M100 110 L64 112 L64 156 L100 156 Z',
  upper_back: 'M100 110 L64 112 L64 156 L100 156 Z',
  lower_back: 'M100 156 L64 156 L64 204 L100 204 Z',
  arms: 'M50 124 L64 112 L62 150 L52 232 L38 230 L44 150 Z',
  hips: 'M64 204 L100 204 L100 246 L60 244 Z',
  legs: 'M60 244 L100 246 L98 256 L92 404 L72 404 L62 320 Z',
};

// Parts of the figure that are not areas of the vocabulary (not tappable).
const kBase: Record<View, string[]> = {
  front: ['M100 156 L64 156 L64 204 L100 204 Z', 'M38 230 L52 232 L50 256 L36 252 Z', 'M72 404 L92 404 L94 418 L66 418 Z'],
  back: ['M38 230 L52 232 L50 256 L36 252 Z', 'M72 404 L92 404 L94 418 L66 418 Z'],
};

// Where each muscle of the vocabulary sits on its view (the viewer's left
// half, as above): a pin shown when zoomed into its area. A muscle without a
// pin is still offered in the list beside the map.
const kPins: Record<string, [View, number, number]> = {
  temporalis: ['front', 83, 27],
  masseter: ['front', 88, 50],
  sternocleidomastoid: ['front', 94, 74],
  scalenes: ['front', 89, 82],
  deltoid: ['front', 57, 106],
  pectoralis_major: ['front', 84, 126],
  pectoralis_minor: ['front', 72, 120],
  serratus_anterior: ['front', 69, 146],
  biceps: ['front', 53, 140],
  forearm_flexors: ['front', 47, 192],
  tensor_fasciae_latae: ['front', 67, 214],
  iliopsoas: ['front', 88, 226],
  quadriceps: ['front', 77, 292],
  adductors: ['front', 93, 272],
  tibialis_anterior: ['front', 77, 370],
  suboccipitals: ['back', 95, 60],
  splenius_capitis: ['back', 92, 70],
  levator_scapulae: ['back', 89, 84],
  upper_trapezius: ['back', 80, 96],
  supraspinatus: ['back', 67, 100],
  infraspinatus: ['back', 72, 112],
  teres_minor: ['back', 58, 114],
  subscapularis: ['back', 90, 104],
  rhomboids: ['back', 91, 126],
  middle_trapezius: ['back', 79, 120],
  lower_trapezius: ['back', 86, 146],
  thoracic_paraspinals: ['back', 96, 138],
  serratus_posterior_superior: ['back', 72, 132],
  erector_spinae: ['back', 92, 174],
  quadratus_lumborum: ['back', 75, 186],
  multifidus: ['back', 97, 196],
  triceps: ['back', 53, 140],
  forearm_extensors: ['back', 47, 192],
  gluteus_maximus: ['back', 82, 230],
  gluteus_medius: ['back', 70, 212],
  gluteus_minimus: ['back', 64, 224],
  piriformis: ['back', 90, 216],
  hamstrings: ['back', 79, 292],
  gastrocnemius: ['back', 79, 350],
  soleus: ['back', 82, 384],
};

/** Where a muscle's pin sits on `view` for the person's `side` (both: two). */
export function pinPositions(muscleId: string, view: View, side: Side): { x: number; y: number }[] {
  const pin = kPins[muscleId];
  if (!pin || pin[0] !== view) return [];
  const [, x, y] = pin;
  const halves = side === 'both' ? [true, false] : [sideOfHalf(view, true) === side];
  return halves.map((viewerLeft) => ({ x: viewerLeft ? x : 200 - x, y }));
}

const kMirror = 'matrix(-1 0 0 1 200 0)';
export const kViewBox = '0 0 200 430';

export function hasDrawing(areaId: string): boolean {
  return areaId in kShapes;
}

/** Whether an area (or muscle) shows on a view. */
export function onView(site: BodySite, view: View): boolean {
  return site.view === view || site.view === 'both';
}

/**
 * The person's side a half of the drawing shows: seen from the front, the
 * person's right is on the viewer's left; from the back, left is left.
 */
export function sideOfHalf(view: View, viewerLeft: boolean): Side {
  return (view === 'front') === viewerLeft ? 'right' : 'left';
}

export interface Region {
  area: BodySite;
  side: Side;
  path: SVGPathElement;
}

/**
 * Draws one view: the figure's base and, for each area on that view with a
 * drawing, two regions (left and right). `decorate` styles each region.
 */
export function drawView(
  svg: SVGSVGElement,
  view: View,
  areas: BodySite[],
  decorate: (region: Region) => void,
): Region[] {
  svg.replaceChildren();
  const base = s('g', { class: 'body-base', 'aria-hidden': 'true' });
  for (const d of kBase[view]) {
    base.append(s('path', { d }), s('path', { d, transform: kMirror }));
  }
  svg.append(base);
  const regions: Region[] = [];
  for (const area of areas) {
    const d = kShapes[area.id];
    if (!d || !onView(area, view)) continue;
    for (const viewerLeft of [true, false]) {
      const path = s('path', { d, class: 'region', transform: viewerLeft ? null : kMirror });
      const region = { area, side: sideOfHalf(view, viewerLeft), path };
      decorate(region);
      svg.append(path);
      regions.push(region);
    }
  }
  return regions;
}

/** The box around both halves of an area, padded, for zooming in. */
export function areaViewBox(areaId: string, regions: Region[]): string | null {
  const halves = regions.filter((r) => r.area.id === areaId);
  if (halves.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { path } of halves) {
    const box = path.getBBox();
    // A mirrored half: its box is the mirror of the untransformed path's.
    const mirrored = path.hasAttribute('transform');
    const x = mirrored ? 200 - box.x - box.width : box.x;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x + box.width);
    minY = Math.min(minY, box.y);
    maxY = Math.max(maxY, box.y + box.height);
  }
  const pad = 12;
  const width = maxX - minX + 2 * pad;
  const height = maxY - minY + 2 * pad;
  // Not flatter than 2:1, so a wide area (the shoulders) stays tappable.
  const w = width;
  const hgt = Math.max(height, width / 2);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return `${(cx - w / 2).toFixed(1)} ${(cy - hgt / 2).toFixed(1)} ${w.toFixed(1)} ${hgt.toFixed(1)}`;
}

/** 0–10 -> a fill from pale yellow to deep red. */
export function heatColor(intensity: number): string {
  const t = Math.max(0, Math.min(10, intensity)) / 10;
  return `hsl(${Math.round(52 - 52 * t)} 90% ${Math.round(72 - 30 * t)}%)`;
}
