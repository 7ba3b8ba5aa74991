/** Edit distance where an insertion, a deletion, a substitution or a swap of two neighbours each cost one. */
export function editDistance(left: string, right: string): number {
  const rows = Array.from({ length: left.length + 1 }, (_, row) =>
    Array.from({ length: right.length + 1 }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row <= left.length; row++) {
    for (let column = 1; column <= right.length; column++) {
      const same = left[row - 1] === right[column - 1];
      let best = Math.min(
        rows[row - 1]![column]! + 1,
        rows[row]![column - 1]! + 1,
        rows[row - 1]![column - 1]! + (same ? 0 : 1),
      );
      // `prot` for `port`: a swap is one slip of the fingers, not two.
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1])
        best = Math.min(best, rows[row - 2]![column - 2]! + 1);
      rows[row]![column] = best;
    }
  }
  return rows[left.length]![right.length]!;
}

/**
 * The candidate a typo most likely meant, or undefined when none is close. "Close" is at most two
 * edits and no more than a third of the longer name, so `locl` finds `local` while `meta-llama`
 * finds nothing.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    if (name === word) continue;
    const distance = editDistance(typed, name.toLowerCase());
    if (distance > 2 || distance * 3 > Math.max(typed.length, name.length)) continue;
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}
