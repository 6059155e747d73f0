// The documentation site: README.md is its home page, docs/ its body; every Markdown page of the repository that a
// user reads is built, so a link that works on GitHub works here too. build.mjs stages the pages beside this config
// and builds them (./mvnw -B verify runs it), failing on a dead link (VitePress) or a dead anchor (remark).
export default {
  title: 'Cognito WhatsApp OTP sender',
  description: 'Amazon Cognito one-time codes over WhatsApp, with an SMS fallback',
  outDir: '../site',
  cacheDir: '../cache',
  rewrites: { 'README.md': 'index.md' },
  cleanUrls: false,
  // LICENSE is a file, not a page: GitHub shows it; remark-validate-links checks that it exists.
  ignoreDeadLinks: [/(^|\/)LICENSE$/],
  themeConfig: {
    nav: [
      { text: 'Quickstart', link: '/' },
      { text: 'Guides', link: '/docs/guides/deploying' },
      { text: 'Reference', link: '/docs/reference/environment' },
      { text: 'Security', link: '/SECURITY' },
    ],
    sidebar: [
      { text: 'Start', items: [{ text: 'Quickstart', link: '/' }] },
      {
        text: 'Guides',
        items: [
          { text: 'Deploying the stack', link: '/docs/guides/deploying' },
          { text: 'Channels and fallback', link: '/docs/guides/channels-and-fallback' },
          { text: 'Delivery status', link: '/docs/guides/delivery-status' },
          { text: 'Templates, languages, app clients', link: '/docs/guides/languages-and-app-clients' },
          { text: 'Abuse limits', link: '/docs/guides/limits' },
          { text: 'Verification loop', link: '/docs/guides/verification' },
          { text: 'Operating and alarms', link: '/docs/guides/operating' },
          { text: 'The otp command', link: '/docs/guides/cli' },
          { text: 'Attach an existing user pool', link: '/docs/guides/attach' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Environment variables', link: '/docs/reference/environment' },
          { text: 'Context keys', link: '/docs/reference/context-keys' },
          { text: 'The otp command', link: '/docs/reference/cli' },
        ],
      },
      {
        text: 'Explanation',
        items: [
          { text: 'Architecture', link: '/docs/explanation/architecture' },
          { text: 'Reliability', link: '/docs/explanation/reliability' },
          { text: 'Security and permissions', link: '/docs/explanation/security' },
          { text: 'Cost', link: '/docs/explanation/cost' },
          { text: 'Sizing', link: '/docs/explanation/sizing' },
          { text: 'Performance', link: '/docs/explanation/performance' },
          { text: 'Decision records', link: '/docs/decisions/' },
        ],
      },
      {
        text: 'Project',
        items: [
          { text: 'Security policy', link: '/SECURITY' },
          { text: 'Contributing', link: '/CONTRIBUTING' },
          { text: 'Changelog', link: '/CHANGELOG' },
        ],
      },
    ],
  },
};
