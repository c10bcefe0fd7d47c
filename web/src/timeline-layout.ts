/**
 * Where the timeline's labels may go without overlapping: a special measure's label sits at the left of its band
 * and may run only up to where the next band of the same lane begins (two measures that start months apart on
 * one lane, such as Japan's 2019-07-04 and 2019-12-20 measures on Korea, would else write over each other). Pure.
 */

export interface Span {
  /** Left edge and right edge on the track, in percent of its width. */
  start: number;
  end: number;
}

/**
 * For each span, the room its label has, in percent of the track's width: up to the start of the next span
 * that begins inside it (the later of two that start together gets none), at most its own width.
 */
export function labelRoom(spans: readonly Span[]): number[] {
  return spans.map((s, i) => {
    let limit = s.end;
    spans.forEach((o, j) => {
      if (j === i) return;
      const blocks = o.start > s.start || (o.start === s.start && j < i);
      if (blocks && o.start < limit) limit = Math.max(s.start, o.start);
    });
    return Math.max(0, limit - s.start);
  });
}
