/**
 * The exact analysis worker: one request at a time (the page terminates and restarts it when a
 * newer request supersedes a running one), so the page stays responsive while cells, areas, shared
 * faces and angles are computed in exact arithmetic. For a paused trained net it posts the pause
 * view first (pause-view.ts: exact cells, areas, shared faces and angles); otherwise the certified
 * cells first (exact combinatorics, float numbers for drawing); then each phase, then the exact
 * report; it keeps the
 * last complex for the Laplacian and curvature views (views.ts).
 */
import type { RiemannianComplex } from '@mlgeo/riemannian-complex';
import { analyzeWithComplex } from './analysis.js';
import type { ExactMessage, ExactRequest, ViewRequest } from './protocol.js';
import { pauseViewBuffers, pauseViewOf } from './pause-view.js';
import { complexView } from './views.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExactRequest | ViewRequest>) => void) | null;
  postMessage(message: ExactMessage, transfer?: Transferable[]): void;
};

let last: RiemannianComplex | undefined;

/** An error as one line: library errors already name the file, field and fix. */
function line(error: unknown, file: string): string {
  const e = error as { message?: string; fix?: string };
  let text = e.message ?? String(error);
  if (!text.includes(file)) text = `${file}: ${text}`;
  if (e.fix !== undefined && !text.includes(e.fix)) text += ` (fix: ${e.fix})`;
  return text;
}

scope.onmessage = async (event) => {
  const request = event.data;
  if (request.type === 'view') {
    try {
      if (!last) throw new Error('no certified complex yet');
      scope.postMessage({
        id: request.id,
        type: 'view',
        view: complexView(last, request.kind, request.options),
        ...(request.key !== undefined ? { key: request.key } : {}),
      });
    } catch (error) {
      scope.postMessage({ id: request.id, type: 'error', message: line(error, 'view') });
    }
    return;
  }
  const { id, model, data, siblings, cells, slice } = request;
  last = undefined;
  let viewed = false;
  try {
    if (request.pauseView) {
      const started = performance.now();
      const view = await pauseViewOf(model);
      if (view) {
        const now = performance.now();
        scope.postMessage(
          {
            id,
            type: 'pauseView',
            view,
            milliseconds: now - started,
            startedAt: performance.timeOrigin + started,
            postedAt: performance.timeOrigin + now,
          },
          pauseViewBuffers(view),
        );
        viewed = true;
      }
    }
    const { result, complex } = await analyzeWithComplex(
      {
        model,
        ...(data !== undefined ? { data } : {}),
        ...(siblings !== undefined ? { siblings } : {}),
        ...(cells !== undefined ? { cells } : {}),
        ...(slice !== undefined ? { slice } : {}),
      },
      {
        // the pause view already shows the exact cells: no preview of them
        ...(viewed
          ? {}
          : { onPartition: (preview) => scope.postMessage({ id, type: 'partition', preview }) }),
        onPhase: (phase) => scope.postMessage({ id, type: 'phase', phase }),
        onChecks: (checks, milliseconds) =>
          scope.postMessage({
            id,
            type: 'checks',
            passed: checks.filter((c) => c.applicable !== false && c.ok).length,
            applicable: checks.filter((c) => c.applicable !== false).length,
            milliseconds,
          }),
      },
    );
    last = complex;
    scope.postMessage({ id, type: 'result', result });
  } catch (error) {
    scope.postMessage({ id, type: 'error', message: line(error, model.name) });
  }
};
