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
      { text: 'Docs', link: '/docs/ARCHITECTURE' },
      { text: 'Security', link: '/SECURITY' },
    ],
    sidebar: [
      { text: 'Start', items: [{ text: 'Quickstart', link: '/' }] },
      {
        text: 'Guides',
        items: [{ text: 'Attach an existing user pool', link: '/docs/ATTACH' }],
      },
      {
        text: 'Explanation',
        items: [
          { text: 'Architecture', link: '/docs/ARCHITECTURE' },
          { text: 'Reliability', link: '/docs/RELIABILITY' },
          { text: 'Cost', link: '/docs/COST' },
          { text: 'Performance', link: '/docs/PERFORMANCE' },
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
