// Draws the analytics panel's charts with uPlot (served by the API, loaded before this script). Each
// chart container names the <script type="application/json"> holding its data; without this script the
// panel's tables still show every figure.
(function () {
  'use strict';
  var COLOURS = ['#1d4ed8', '#15803d', '#b45309', '#b91c1c', '#7c3aed', '#0e7490', '#be185d'];
  var HEIGHT = 260;

  function secondsOf(day) {
    return Date.parse(day + 'T00:00:00Z') / 1000;
  }

  function widthOf(container) {
    return Math.max(280, Math.floor(container.getBoundingClientRect().width));
  }

  function draw(container, data) {
    var chart = data.charts[container.getAttribute('data-analytics-chart')];
    if (!chart) return;
    var xs = data.periods.map(function (period) { return secondsOf(period.start); });
    var series = [{ label: data.periodLabel }].concat(
      chart.series.map(function (entry, index) {
        return { label: entry.label, stroke: COLOURS[index % COLOURS.length], width: 2, points: { show: xs.length <= 62 } };
      }),
    );
    var plot = new uPlot(
      {
        title: chart.title,
        width: widthOf(container),
        height: HEIGHT,
        tzDate: function (seconds) { return uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'); },
        scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
        series: series,
      },
      [xs].concat(chart.series.map(function (entry) { return entry.values; })),
      container,
    );
    container.setAttribute('data-drawn', 'true');
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(function () { plot.setSize({ width: widthOf(container), height: HEIGHT }); }).observe(container);
    }
  }

  function start() {
    if (typeof uPlot !== 'function') return;
    var containers = document.querySelectorAll('[data-analytics-chart]');
    for (var i = 0; i < containers.length; i++) {
      var source = document.getElementById(containers[i].getAttribute('data-analytics-source'));
      if (source) draw(containers[i], JSON.parse(source.textContent));
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
