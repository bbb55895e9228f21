/** A batch of the fake Excel: queued operations, applied at sync as Office.js applies them, and Excel on the web's request limit. */
import { OP_BYTES, REQUEST_LIMIT_BYTES, type FakeWorkbook } from "./model";

export class Context {
  private queue: (() => void)[] = [];
  private checked: (() => void)[] = [];
  private afterSync: (() => void)[] = [];
  failAtSync: Error | null = null;
  /** The workbook the add-in reaches through `context.workbook` (api.ts sets it, as Excel.run makes the context). */
  workbook: object = {};
  constructor(readonly wb: FakeWorkbook) {}
  private ops = 0;
  private bytes = 0;
  /** An operation of the batch, and its share of the request's size (OP_BYTES, plus any values it carries). */
  enqueue(op: () => void, bytes = OP_BYTES): void {
    this.queue.push(op);
    this.count(bytes);
  }
  /** An operation that changes nothing in the fake (a range got) but is part of the request. */
  count(bytes = OP_BYTES): void {
    this.ops++;
    this.bytes += bytes;
  }
  /** An operation that needs computed cells (Excel checks them as it applies the batch): run once the batch is in. */
  enqueueChecked(op: () => void): void {
    this.checked.push(op);
  }
  onSync(f: () => void): void {
    this.afterSync.push(f);
  }
  async sync(): Promise<void> {
    const ops = this.queue.splice(0);
    const checked = this.checked.splice(0);
    const loads = this.afterSync.splice(0);
    const request = { ops: this.ops, bytes: this.bytes };
    this.ops = 0;
    this.bytes = 0;
    this.wb.requests.push(request);
    await Promise.resolve();
    if (request.bytes > REQUEST_LIMIT_BYTES)
      throw new Error(
        `RichApi.Error: The request payload size has exceeded the limit (${Math.round(request.bytes / 1024)} KB in ${request.ops} operations; Excel on the web takes 5 MB)`,
      );
    try {
      this.wb.hf.batch(() => {
        for (const op of ops) op();
      });
      for (const op of checked) op();
    } finally {
      this.wb.onChange();
    }
    if (this.failAtSync) {
      const e = this.failAtSync;
      this.failAtSync = null;
      throw e;
    }
    for (const l of loads) l();
  }
}
