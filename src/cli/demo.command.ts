import type { CliCommand } from './command.ts';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo   load the demo organisation and its history (once, into an empty database)',
  remote: true,
  async run(ctx, _argv, io) {
    const { loadDemo } = await import('../demo/demo.service.ts');
    const result = await loadDemo(ctx, io);
    if (!result.loaded) io.out('The database already holds an organisation: nothing loaded.');
  },
};
