/* crmlab-cjk-font: a style-only JupyterLab extension written by hand (no build step).
 * Its "./style" module adds an @font-face for the font shipped next to this file and puts that
 * family last in JupyterLab's font lists: a browser uses it only for characters no earlier
 * font has (Chinese on a Linux machine without a CJK font). */
var _JUPYTERLAB;
(function () {
  "use strict";
  var NAME = "crmlab-cjk-font";
  var FAMILY = "'crmlab Sans SC'";
  var UI = "system-ui, -apple-system, blinkmacsystemfont, 'Segoe UI', helvetica, arial, " +
           "sans-serif, " + FAMILY + ", 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol'";
  var CODE = "menlo, consolas, 'DejaVu Sans Mono', monospace, " + FAMILY;

  function addStyle() {
    if (document.getElementById(NAME)) return;
    var config = {};
    try {
      config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
    } catch (error) { /* no page config: use the default address */ }
    var base = String(config.fullLabextensionsUrl || "/lab/extensions").replace(/\/$/, "");
    var url = base + "/" + NAME + "/static/crmlab-sans-sc-gb2312.otf";
    var style = document.createElement("style");
    style.id = NAME;
    function rules(extra) {
      return "@font-face { font-family: " + FAMILY + "; src: url('" + url + "')" +
        " format('opentype'); font-display: swap; }\n" +
        "body { --jp-ui-font-family: " + UI + extra + "; --jp-content-font-family: " + UI +
        extra + "; --jp-code-font-family: " + CODE + extra + "; }\n";
    }
    style.textContent = rules("");
    document.head.appendChild(style);
    // Text laid out before the font arrived keeps its boxes in Chromium; once the font has
    // loaded (only when some character needed it), change the lists a little so every text
    // is laid out again with it.
    if (document.fonts && document.fonts.addEventListener) {
      document.fonts.addEventListener("loadingdone", function (event) {
        var ours = (event.fontfaces || []).some(function (face) {
          return face.family.indexOf("crmlab Sans SC") >= 0;
        });
        if (ours) { style.textContent = rules(", serif"); }
      });
      // Start the download before JupyterLab draws its menus (the browser caches the file):
      // text drawn while the font is still on its way kept its boxes in Chromium.
      document.fonts.load("1em " + FAMILY, "\u6587");
    }
  }

  _JUPYTERLAB = window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () { return Promise.resolve(); },
    get: function (module) {
      if (module === "./style") {
        return Promise.resolve(function () { addStyle(); return {}; });
      }
      return Promise.reject(new Error('Module "' + module + '" does not exist in container.'));
    }
  };
})();
