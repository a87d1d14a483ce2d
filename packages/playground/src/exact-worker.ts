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
    // library errors already name the file, field and fix; others get the file name and fix
    const e = error as { message?: string; fix?: string };
    let text = e.message ?? String(error);
    if (!text.includes(model.name)) text = `${model.name}: ${text}`;
    if (e.fix !== undefined && !text.includes(e.fix)) text += ` (fix: ${e.fix})`;
    scope.postMessage({ id, type: 'error', message: text });
  }
};
