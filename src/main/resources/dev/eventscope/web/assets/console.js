// evs ui: the one script, loaded from the console's own origin (the Content-Security-Policy allows
// no other and no inline script). It only improves pages that work without it:
//  - live pages (body[data-head]) listen to /live (server-sent events) and, when the head moves
//    (or, on pages with body[data-letters], the dead-letter queue changes), fetch themselves again
//    and swap in their [data-live] parts;
//  - the trace drawing pans and zooms (its event boxes are links as the server writes them);
//  - the stream page's slider steps through versions;
//  - parts drawn apart from their page ([data-defer]: a long stream's state) are fetched and swapped
//    in as soon as the page is shown.
// It never builds markup from strings: new content comes from the server's own escaped pages,
// parsed by DOMParser (which runs no script), and links are made with DOM calls.
(function () {
  'use strict';

  // ------------------------------------------------------------------ live pages

  function live() {
    var head = document.body.getAttribute('data-head');
    if (head === null || typeof EventSource === 'undefined') {
      return;
    }
    var state = document.getElementById('live-state');
    var busy = false;
    var again = false;
    var source = new EventSource('/live');

    function say(text, off) {
      if (state) {
        state.textContent = text;
        state.classList.toggle('off', !!off);
      }
    }

    function refresh() {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) {
          if (!r.ok) {
            throw new Error('status ' + r.status);
          }
          return r.text();
        })
        .then(function (text) {
          var fresh = new DOMParser().parseFromString(text, 'text/html');
          var parts = document.querySelectorAll('[data-live][id]');
          for (var i = 0; i < parts.length; i++) {
            var next = fresh.getElementById(parts[i].id);
            if (next) {
              parts[i].replaceWith(document.importNode(next, true));
            }
          }
          var newHead = fresh.body.getAttribute('data-head');
          if (newHead !== null) {
            document.body.setAttribute('data-head', newHead);
          }
          var newLetters = fresh.body.getAttribute('data-letters');
          if (newLetters !== null && document.body.hasAttribute('data-letters')) {
            document.body.setAttribute('data-letters', newLetters);
          }
          deferred();
          say('live · updated ' + new Date().toLocaleTimeString(), false);
        })
        .catch(function () {
          say('live · update failed', true);
        })
        .then(function () {
          busy = false;
          if (again) {
            again = false;
            refresh();
          }
        });
    }

    source.addEventListener('head', function (e) {
      if (e.data !== document.body.getAttribute('data-head')) {
        refresh();
      }
    });
    source.addEventListener('letters', function (e) {
      var letters = document.body.getAttribute('data-letters');
      if (letters !== null && e.data !== letters) {
        refresh();
      }
    });
    source.onopen = function () {
      say('live', false);
    };
    source.onerror = function () {
      say('live · reconnecting', true);
    };
  }

  // ------------------------------------------------------------------ parts drawn apart

  // an element [data-defer][id] names a page of the console (a path of this origin) that holds the
  // element's full version under the same id: fetched once, parsed, and swapped in
  function deferred() {
    var parts = document.querySelectorAll('[data-defer][id]');
    for (var i = 0; i < parts.length; i++) {
      load(parts[i]);
    }
  }

  function load(part) {
    var url = part.getAttribute('data-defer');
    part.removeAttribute('data-defer');
    if (!url || url.charAt(0) !== '/' || url.charAt(1) === '/') {
      return;
    }
    var id = part.id;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('status ' + r.status);
        }
        return r.text();
      })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(id);
        var now = document.getElementById(id);
        if (fresh && now === part) {
          fresh.setAttribute('data-live', '');
          now.replaceWith(document.importNode(fresh, true));
        }
      })
      .catch(function () {
        // the part's own link still leads to it
      });
  }

  // ------------------------------------------------------------------ the trace drawing

  function zoom(view) {
    var svg = view.querySelector('svg');
    if (!svg) {
      return;
    }
    var w = parseFloat(svg.getAttribute('width'));
    var h = parseFloat(svg.getAttribute('height'));
    if (!(w > 0 && h > 0)) {
      return;
    }
    var bar = view.parentNode.querySelector('.zoom-bar');
    if (bar) {
      bar.hidden = false;
    }
    view.classList.add('zooming');
    svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    var box = { x: 0, y: 0, w: w, h: h };

    function apply() {
      svg.setAttribute('viewBox', box.x + ' ' + box.y + ' ' + box.w + ' ' + box.h);
    }

    function scale(f, cx, cy) {
      var nw = Math.min(Math.max(box.w * f, w / 50), w * 4);
      var k = nw / box.w;
      if (cx === undefined) {
        cx = box.x + box.w / 2;
        cy = box.y + box.h / 2;
      }
      box.x = cx - (cx - box.x) * k;
      box.y = cy - (cy - box.y) * k;
      box.w = nw;
      box.h = box.h * k;
      apply();
    }

    function fit() {
      box = { x: 0, y: 0, w: w, h: h };
      apply();
    }

    function actual() {
      var r = svg.getBoundingClientRect();
      box = { x: 0, y: 0, w: Math.max(r.width, 1), h: Math.max(r.height, 1) };
      apply();
    }

    function unitsPerPixel() {
      var r = svg.getBoundingClientRect();
      return Math.max(box.w / Math.max(r.width, 1), box.h / Math.max(r.height, 1));
    }

    // a drawing starts at its own size: a small one centred in a view as tall as it is; one up to
    // twice as wide as the view (a phone) shrunk to the view's width; a large one from its top left
    // in a view of most of the window ('Fit' shows all of it)
    var r0 = view.getBoundingClientRect();
    var k = w > r0.width && w <= r0.width * 2 ? r0.width / w : 1;
    if (h * k + 2 < window.innerHeight * 0.7) {
      view.style.height = (h * k + 2) + 'px';
    }
    r0 = svg.getBoundingClientRect();
    if (w * k <= r0.width + 0.5) {
      box = { x: -(r0.width / k - w) / 2, y: 0, w: r0.width / k, h: Math.max(r0.height, 1) / k };
      apply();
    } else {
      actual();
      // wider than the view: start at the first box (the trace's first cause), in the middle of the view
      var first = svg.querySelector('.evs-boxes rect');
      if (first) {
        var cx = parseFloat(first.getAttribute('x')) + parseFloat(first.getAttribute('width')) / 2;
        if (cx > box.w / 2) {
          box.x = Math.min(cx - box.w / 2, w - box.w);
          apply();
        }
      }
    }

    view.addEventListener('wheel', function (e) {
      e.preventDefault();
      var r = svg.getBoundingClientRect();
      var u = unitsPerPixel();
      scale(e.deltaY < 0 ? 0.85 : 1 / 0.85, box.x + (e.clientX - r.left) * u, box.y + (e.clientY - r.top) * u);
    }, { passive: false });

    var drag = null;
    view.addEventListener('pointerdown', function (e) {
      if (e.button !== 0 || (e.target.closest && e.target.closest('a'))) {
        return;
      }
      drag = { x: e.clientX, y: e.clientY, bx: box.x, by: box.y, u: unitsPerPixel() };
      view.classList.add('dragging');
      view.setPointerCapture(e.pointerId);
    });
    view.addEventListener('pointermove', function (e) {
      if (!drag) {
        return;
      }
      box.x = drag.bx - (e.clientX - drag.x) * drag.u;
      box.y = drag.by - (e.clientY - drag.y) * drag.u;
      apply();
    });
    function stop() {
      drag = null;
      view.classList.remove('dragging');
    }
    view.addEventListener('pointerup', stop);
    view.addEventListener('pointercancel', stop);

    view.addEventListener('keydown', function (e) {
      var step = box.w / 10;
      var handled = true;
      switch (e.key) {
        case '+': case '=': scale(0.8); break;
        case '-': case '_': scale(1.25); break;
        case '0': fit(); break;
        case 'ArrowLeft': box.x -= step; apply(); break;
        case 'ArrowRight': box.x += step; apply(); break;
        case 'ArrowUp': box.y -= step; apply(); break;
        case 'ArrowDown': box.y += step; apply(); break;
        default: handled = false;
      }
      if (handled) {
        e.preventDefault();
      }
    });

    if (bar) {
      bar.addEventListener('click', function (e) {
        var b = e.target.closest ? e.target.closest('button[data-zoom]') : null;
        if (!b) {
          return;
        }
        var what = b.getAttribute('data-zoom');
        if (what === 'in') {
          scale(0.8);
        } else if (what === 'out') {
          scale(1.25);
        } else if (what === 'fit') {
          fit();
        } else {
          actual();
        }
      });
    }
  }

  // ------------------------------------------------------------------ the version slider

  function sliders() {
    var all = document.querySelectorAll('label.slider');
    for (var i = 0; i < all.length; i++) {
      var label = all[i];
      var range = label.querySelector('input[type="range"]');
      var target = document.getElementById(range.getAttribute('data-target'));
      if (!target) {
        continue;
      }
      label.hidden = false;
      range.addEventListener('input', function (e) {
        target.value = e.target.value === '0' ? '' : e.target.value;
      });
      range.addEventListener('change', function (e) {
        e.target.form.submit();
      });
    }
  }

  function start() {
    live();
    deferred();
    var views = document.querySelectorAll('.trace-view');
    for (var i = 0; i < views.length; i++) {
      zoom(views[i]);
    }
    sliders();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
