/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
/**
 * Build of the add-in (Microsoft's shared-runtime custom-functions template, with a React task pane).
 *
 * Hosting URL: the production build replaces EVERY https://localhost:3000/ in manifest.xml, functions.json
 * and help.html with ADDIN_HOST_URL (e.g. https://pay-addin.example.nhs.uk/). Set it when you build for your
 * organisation: `ADDIN_HOST_URL=https://host/path/ npm run build`.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { renderHelpPage, helpMarkdown } = require("./scripts/help-page.cjs");
const { CONTENT_SECURITY_POLICY } = require("./scripts/csp.cjs");

const urlDev = "https://localhost:3000/";
const DEFAULT_PROD_URL = "https://pay-addin.example.nhs.uk/";

function productionUrl() {
  const url = process.env.ADDIN_HOST_URL || DEFAULT_PROD_URL;
  if (!/^https:\/\/[^\s"<>]+\/$/.test(url)) {
    throw new Error(`ADDIN_HOST_URL must be an https:// URL ending in '/', got '${url}'`);
  }
  return url;
}

/** Replace every occurrence (a plain String.replace would change only the first). */
function toHost(text, dev) {
  return dev ? text : text.split(urlDev).join(productionUrl());
}

async function httpsOptions() {
  // Windows and Mac: the trusted localhost certificate that office-addin-dev-certs installs (Excel desktop
  // refuses an untrusted one). Linux and CI: webpack-dev-server's own self-signed certificate, because
  // installing a CA needs sudo there (see README, "npm start on Linux").
  if ((process.platform === "win32" || process.platform === "darwin") && process.env.PAY_SELF_SIGNED !== "1") {
    const devCerts = require("office-addin-dev-certs");
    const o = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: o.ca, key: o.key, cert: o.cert } };
  }
  return { type: "https" };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  if (!dev && !process.env.ADDIN_HOST_URL) {
    console.warn(`ADDIN_HOST_URL is not set: the production manifest points at ${DEFAULT_PROD_URL} (a placeholder).`);
  }
  return {
    devtool: "source-map",
    target: ["web", "es2020"],
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      // The risk simulation's Web Worker, loaded by the pane as risk-worker.js (never by Excel's functions runtime).
      "risk-worker": "./src/taskpane/worker/risk.worker.ts",
      // The preview host (with HyperFormula, GPL-3.0) exists only in development builds, never in dist/.
      ...(dev ? { preview: "./src/preview/preview.tsx" } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The pane's views behind a tab and the written sheet's plan, loaded when first wanted (App.tsx).
      chunkFilename: "chunks/[name].[contenthash:8].js",
      // functions.js must run in Excel's JavaScript-only runtime, which has no `window` or `self`.
      globalObject: "globalThis",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime: the pane page also loads functions.js, so functions and pane share one runtime.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        csp: CONTENT_SECURITY_POLICY,
      }),
      // The preview runs the same panel under the same policy, so the browser tests prove the pane obeys it.
      ...(dev
        ? [new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"], csp: CONTENT_SECURITY_POLICY })]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-16.png", to: "assets/icon-16.png" },
          { from: "assets/icon-32.png", to: "assets/icon-32.png" },
          { from: "assets/icon-64.png", to: "assets/icon-64.png" },
          { from: "assets/icon-80.png", to: "assets/icon-80.png" },
          // The screenshots the help page (README) shows.
          { from: "docs/*.png", to: "docs/[name][ext]" },
          { from: "docs/*.md", to: "docs/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => toHost(content.toString(), dev) },
          // The help page: the README and the reference pages of docs/ as one page (function help links land on it).
          { from: "README.md", to: "help.html", transform: () => toHost(renderHelpPage(helpMarkdown(__dirname)), dev) },
        ],
      }),
      {
        // functions.json is written by the metadata plugin; point its help links at the hosting URL too.
        apply(compiler) {
          compiler.hooks.thisCompilation.tap("HostUrls", (compilation) => {
            compilation.hooks.processAssets.tap(
              { name: "HostUrls", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
              () => {
                const asset = compilation.getAsset("functions.json");
                if (!asset || dev) return;
                const text = toHost(asset.source.source().toString(), dev);
                compilation.updateAsset("functions.json", new compiler.webpack.sources.RawSource(text));
              },
            );
          });
        },
      },
    ],
    devServer: {
      static: [{ directory: path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"), publicPath: "/office-js" }],
      headers: { "Access-Control-Allow-Origin": "*" },
      server: env.WEBPACK_BUILD ? undefined : await httpsOptions(),
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      client: { overlay: false },
    },
  };
};
