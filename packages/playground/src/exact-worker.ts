/**
 * The exact analysis worker: one request at a time (the page terminates and restarts it when a
 * newer request supersedes a running one), so the page stays responsive while cells, areas, shared
 * faces and angles are computed in exact arithmetic.
 */
import { analyzeModel } from './analysis.js';
import type { ExactMessage, ExactRequest } from './protocol.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExactRequest>) => void) | null;
  postMessage(message: ExactMessage): void;
};

scope.onmessage = async (event) => {
  const { id, model, data, siblings, cells } = event.data;
  try {
    const result = await analyzeModel(
      {
        model,
        ...(data !== undefined ? { data } : {}),
        ...(siblings !== undefined ? { siblings } : {}),
        ...(cells !== undefined ? { cells } : {}),
      },
      (preview) => scope.postMessage({ id, type: 'partition', preview }),
    );
    scope.postMessage({ id, type: 'result', result });
  } catch (error) {
    const e = error as { message?: string; field?: string; fix?: string };
    const parts = [e.message ?? String(error)];
    if (e.field !== undefined) parts.push(`(field ${e.field})`);
    if (e.fix !== undefined) parts.push(`— ${e.fix}`);
    scope.postMessage({ id, type: 'error', message: `${model.name}: ${parts.join(' ')}` });
  }
};
