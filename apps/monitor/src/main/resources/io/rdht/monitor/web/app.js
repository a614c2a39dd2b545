// The live map: every sensor of the key as a circle coloured by its level, from the node's
// server-sent events (/{key}/events); a panel of the latest readings and the history of one.
'use strict';

const HISTORY = 30;
const sensors = new Map();        // sensor id -> {marker, latest, history}
let selected = null;
let userMoved = false;

function band(level) {
  return level < 34 ? 'low' : level < 67 ? 'mid' : 'high';
}
const COLOURS = {low: '#2e9e44', mid: '#e0a10b', high: '#d7301f'};

function sensorId(v) {
  return (v.owner_id || 'unsigned') + '/' + v.id;
}

function reading(v) {
  const r = v.json;
  if (!r || typeof r.lvl_percent !== 'number' || typeof r.lat !== 'number' || typeof r.long !== 'number') {
    return null;
  }
  return {level: r.lvl_percent, lat: r.lat, long: r.long};
}

function clock(time) {
  return time.toTimeString().slice(0, 8);
}

function niceStep(span) {
  const raw = span / 6;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map(m => m * p).find(s => s >= raw);
}

function drawGrid(map, layer) {
  layer.clearLayers();
  const b = map.getBounds();
  const south = Math.max(-85, b.getSouth()), north = Math.min(85, b.getNorth());
  const west = b.getWest(), east = b.getEast();
  const step = niceStep(Math.max(north - south, east - west));
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const style = {color: '#9aa5b1', weight: 1, opacity: 0.7, interactive: false};
  for (let lon = Math.ceil(west / step) * step; lon <= east; lon += step) {
    L.polyline([[south, lon], [north, lon]], style).addTo(layer);
    L.marker([south, lon], {interactive: false, icon: L.divIcon({className: 'grid-label',
      html: '<div>' + lon.toFixed(digits) + '°</div>', iconSize: null})}).addTo(layer);
  }
  for (let lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
    L.polyline([[lat, west], [lat, east]], style).addTo(layer);
    L.marker([lat, west], {interactive: false, icon: L.divIcon({className: 'grid-label',
      html: '<div>' + lat.toFixed(digits) + '°</div>', iconSize: null})}).addTo(layer);
  }
}

function fitAll(map) {
  if (userMoved || sensors.size === 0) {
    return;
  }
  const points = [...sensors.values()].map(s => [s.latest.lat, s.latest.long]);
  map.fitBounds(L.latLngBounds(points).pad(0.3), {maxZoom: 14, animate: false});
}

function text(tag, content, cls) {
  const e = document.createElement(tag);
  e.textContent = content;
  if (cls) {
    e.className = cls;
  }
  return e;
}

function renderTable() {
  const body = document.querySelector('#latest tbody');
  body.replaceChildren();
  [...sensors.keys()].sort().forEach(id => {
    const s = sensors.get(id), r = s.latest;
    const row = document.createElement('tr');
    row.dataset.sensor = id;
    row.className = id === selected ? 'selected' : '';
    const name = text('td', id.split('/')[0], 'sensor');
    if (!s.verified) {
      name.textContent += ' (unverified)';
    }
    const level = document.createElement('td');
    level.append(text('span', '', 'dot level-' + band(r.level)), ' ' + r.level + ' %');
    row.append(name, level, text('td', r.lat.toFixed(3) + ', ' + r.long.toFixed(3)),
      text('td', clock(r.time)));
    row.addEventListener('click', () => select(id));
    body.append(row);
  });
  document.getElementById('count').textContent = '(' + sensors.size + ')';
}

function renderHistory() {
  const section = document.getElementById('history');
  const s = selected && sensors.get(selected);
  section.hidden = !s;
  if (!s) {
    return;
  }
  document.getElementById('history-sensor').textContent = selected.split('/')[0];
  const list = document.getElementById('history-list');
  list.replaceChildren(...s.history.slice().reverse().map(r =>
    text('li', clock(r.time) + '  ' + r.level + ' %  (' + r.event + ')')));
  const spark = document.getElementById('spark');
  const n = s.history.length;
  const points = s.history.map((r, i) => (n === 1 ? 150 : i * 300 / (n - 1)).toFixed(1) + ',' +
    (58 - r.level * 56 / 100).toFixed(1)).join(' ');
  const last = s.history[n - 1];
  spark.innerHTML = '<polyline fill="none" stroke="#243447" stroke-width="2" points="' + points + '"/>' +
    '<circle r="2" fill="' + COLOURS[band(last.level)] + '" cx="' + (n === 1 ? 150 : 300) + '" cy="' +
    (58 - last.level * 56 / 100).toFixed(1) + '"/>';
}

function select(id) {
  selected = id;
  renderTable();
  renderHistory();
}

function show(map, v, event) {
  const r = reading(v);
  if (!r) {
    return;
  }
  const id = sensorId(v);
  const entry = Object.assign({time: new Date(), event: event}, r);
  let s = sensors.get(id);
  const style = {radius: 10, weight: 2, color: '#333', fillColor: COLOURS[band(r.level)], fillOpacity: 0.85,
    className: 'sensor level-' + band(r.level)};
  if (!s) {
    const marker = L.circleMarker([r.lat, r.long], style).addTo(map);
    marker.on('click', () => select(id));
    s = {marker: marker, history: []};
    sensors.set(id, s);
  } else {
    s.marker.setLatLng([r.lat, r.long]).setStyle(style);
  }
  s.latest = entry;
  s.verified = v.verified;
  s.history.push(entry);
  if (s.history.length > HISTORY) {
    s.history.shift();
  }
  const el = s.marker.getElement();
  el.setAttribute('class', 'leaflet-interactive sensor level-' + band(r.level));
  el.dataset.sensor = id;
  el.dataset.level = String(r.level);
  s.marker.bindTooltip(id.split('/')[0] + ': ' + r.level + ' %');
  fitAll(map);
  renderTable();
  if (id === selected) {
    renderHistory();
  }
}

function remove(map, v) {
  const id = sensorId(v);
  const s = sensors.get(id);
  if (s) {
    map.removeLayer(s.marker);
    sensors.delete(id);
    renderTable();
    renderHistory();
  }
}

function clearAll(map) {
  sensors.forEach(s => map.removeLayer(s.marker));
  sensors.clear();
  renderTable();
  renderHistory();
}

async function start() {
  const config = await (await fetch('config.json')).json();
  document.getElementById('key').textContent = config.key;
  const map = L.map('map', {zoomSnap: 0.25, worldCopyJump: true}).setView([20, 0], 2);
  // once the user moves the map, new sensors no longer re-frame it
  map.on('dragstart', () => { userMoved = true; });
  const grid = L.layerGroup().addTo(map);
  const status = document.getElementById('status');
  let tileNote = config.tiles ? '' : ', no tiles';
  if (config.tiles) {
    const tiles = L.tileLayer(config.tiles, {maxZoom: 19, attribution: config.attribution});
    tiles.on('tileerror', () => {
      tileNote = ', tiles unreachable: plain map';
    });
    tiles.addTo(map);
  }
  map.on('moveend', () => drawGrid(map, grid));
  drawGrid(map, grid);
  const events = new EventSource(config.events);
  events.onopen = () => { status.textContent = 'live' + tileNote; };
  events.onerror = () => { status.textContent = 'reconnecting…' + tileNote; };
  ['added', 'updated'].forEach(type =>
    events.addEventListener(type, e => show(map, JSON.parse(e.data), type)));
  events.addEventListener('expired', e => remove(map, JSON.parse(e.data)));
  events.addEventListener('reset', () => clearAll(map));
  events.addEventListener('sync', () => { status.textContent = 'live' + tileNote; });
  events.addEventListener('end', e => { status.textContent = 'catching up: ' + JSON.parse(e.data).reason; });
}

start();
