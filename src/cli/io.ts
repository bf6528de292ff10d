/** How a command talks back: lines and a progress bar, on a terminal or through the running server. */
export interface CommandIO {
  out(line: string): void;
  progress(done: number, total: number | null, label: string): void;
}

export function terminalIO(stream: NodeJS.WriteStream = process.stdout): CommandIO {
  let lastPercent = -1;
  let lastLength = 0;
  return {
    out(line) {
      if (lastLength) stream.write('\n');
      lastLength = 0;
      stream.write(`${line}\n`);
    },
    progress(done, total, label) {
      const percent = total ? Math.floor((done / total) * 100) : null;
      if (stream.isTTY) {
        const width = 30;
        const filled = percent === null ? 0 : Math.round((percent / 100) * width);
        const bar = percent === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% `;
        const text = `${bar}${done}${total ? `/${total}` : ''} ${label}`;
        stream.write(`\r${text.padEnd(lastLength)}`);
        lastLength = text.length;
      } else if (percent === null ? done % 1000 === 0 : percent >= lastPercent + 10 || done === total) {
        lastPercent = percent ?? lastPercent;
        stream.write(`${percent === null ? '' : `${percent}% `}${done}${total ? `/${total}` : ''} ${label}\n`);
      }
    },
  };
}
