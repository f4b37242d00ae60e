// The timeline explorer: reads the form, calls the JSON API, draws the result.
// Plain DOM calls only: text from articles is always set with textContent or text
// nodes, never parsed as HTML, so whatever an article contains stays text.
"use strict";

(() => {
  const FIELDS = ["query", "collection", "from", "to", "dates", "sentences", "method"];
  const SVG = "http://www.w3.org/2000/svg";
  const DAY_MS = 86400000;

  const form = document.getElementById("query-form");
  const statusLine = document.getElementById("status");
  const timelineList = document.getElementById("timeline");
  const volumeSection = document.getElementById("volume");
  const histogram = document.getElementById("histogram");
  const volumeCaption = document.getElementById("volume-caption");
  const exportsSection = document.getElementById("exports");
  const viewer = document.getElementById("article-view");

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function svgElement(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  function setStatus(message, isError) {
    statusLine.textContent = message;
    statusLine.classList.toggle("error", Boolean(isError));
  }

  function formParams() {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = form.elements[name].value.trim();
      if (value !== "") params.set(name, value);
    }
    return params;
  }

  function fillForm(params) {
    for (const name of FIELDS) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    }
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail : "";
      throw new Error(body.message || detail || `${response.status} ${response.statusText}`);
    }
    return body;
  }

  // Dates arrive as YYYY-MM-DD; all arithmetic is in UTC days so time zones never shift them.
  function dayNumber(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return Date.UTC(year, month - 1, day) / DAY_MS;
  }

  function isoOfDay(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }

  function dateLabel(entry) {
    const date = new Date(dayNumber(entry.date) * DAY_MS);
    const options = { timeZone: "UTC", year: "numeric" };
    if (entry.granularity !== "year") options.month = "long";
    if (entry.granularity === "day") Object.assign(options, { day: "numeric", weekday: "short" });
    return new Intl.DateTimeFormat("en-GB", options).format(date);
  }

  function articleHref(sentence) {
    const id = encodeURIComponent(sentence.article_id);
    return `/articles/${id}?start=${sentence.start}&end=${sentence.end}#highlight`;
  }

  function drawTimeline(timeline) {
    timelineList.replaceChildren();
    for (const entry of timeline.entries) {
      const sentences = element("ul", { class: "sentences" });
      for (const sentence of entry.sentences) {
        const link = element("a", { class: "sentence", href: articleHref(sentence) }, sentence.text);
        link.addEventListener("click", (event) => {
          if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          openArticle(sentence);
        });
        sentences.append(element("li", {}, link));
      }
      const when = element("div", { class: "when" },
        element("time", { datetime: entry.date }, dateLabel(entry)),
        element("span", { class: `granularity ${entry.granularity}` }, entry.granularity));
      const change = entry.new ? "new" : entry.changed ? "changed" : "";
      if (change) when.append(element("span", { class: `change ${change}` }, change));
      timelineList.append(element("li", { class: `entry ${change}`.trim(), "data-date": entry.date }, when, sentences));
    }
  }

  // Offsets from the API count Unicode code points (Python); JavaScript strings count
  // UTF-16 units, so the text is split into code points before slicing.
  function splitAt(text, start, end) {
    const points = Array.from(text);
    return [points.slice(0, start).join(""), points.slice(start, end).join(""), points.slice(end).join("")];
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "";
    } catch (error) {
      return "";
    }
  }

  async function openArticle(sentence) {
    let article;
    try {
      article = await getJSON(`/api/articles/${encodeURIComponent(sentence.article_id)}`);
    } catch (error) {
      setStatus(`Cannot open the article: ${error.message}`, true);
      return;
    }
    document.getElementById("article-title").textContent = article.title || "Untitled article";
    const meta = document.getElementById("article-meta");
    meta.replaceChildren(`${article.date} · ${article.collection || "no collection"} · ${article.id} · `,
      element("a", { href: articleHref(sentence), target: "_blank" }, "open in a new tab"));
    const url = safeUrl(article.url);
    if (url) meta.append(" · ", element("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original"));
    const [before, highlighted, after] = splitAt(article.text, sentence.start, sentence.end);
    const mark = element("mark", {}, highlighted);
    document.getElementById("article-text").replaceChildren(before, mark, after);
    if (!viewer.open) viewer.showModal();
    mark.scrollIntoView({ block: "center" });
  }

  function bucketing(first, last) {
    const span = last - first;
    if (span <= 120) return { name: "day", start: (day) => day, next: (day) => day + 1 };
    if (span <= 3 * 365) {
      const monday = (day) => day - ((day + 3) % 7);  // day 0 (1970-01-01) was a Thursday
      return { name: "week", start: monday, next: (day) => day + 7 };
    }
    const monthStart = (day) => dayNumber(isoOfDay(day).slice(0, 8) + "01");
    return { name: "month", start: monthStart, next: (day) => monthStart(day + 31) };
  }

  function drawHistogram(volume, timeline) {
    histogram.replaceChildren();
    const marked = timeline.entries.map((entry) => dayNumber(entry.date));
    const published = volume.days.map((item) => dayNumber(item.date));
    const all = published.concat(marked);
    volumeSection.hidden = all.length === 0;
    if (all.length === 0) return;
    const bucket = bucketing(Math.min(...all), Math.max(...all));
    const starts = [];
    for (let day = bucket.start(Math.min(...all)); day <= Math.max(...all); day = bucket.next(day)) starts.push(day);
    const end = bucket.next(starts[starts.length - 1]);
    const counts = new Map(starts.map((day) => [day, 0]));
    volume.days.forEach((item, index) => {
      const key = bucket.start(published[index]);
      counts.set(key, counts.get(key) + item.count);
    });
    const width = 800, height = 150, top = 14, bottom = 20;
    const x = (day) => ((day - starts[0]) / (end - starts[0])) * width;
    const peak = Math.max(1, ...counts.values());
    for (const day of starts) {
      const count = counts.get(day);
      if (count === 0) continue;
      const barHeight = (count / peak) * (height - top - bottom);
      const bar = svgElement("rect", {
        class: "bar", x: x(day) + 0.5, width: Math.max(1, x(bucket.next(day)) - x(day) - 1),
        y: height - bottom - barHeight, height: barHeight,
      });
      const label = svgElement("title", {});
      label.textContent = `${bucket.name} of ${isoOfDay(day)}: ${count} article${count === 1 ? "" : "s"}`;
      bar.append(label);
      histogram.append(bar);
    }
    timeline.entries.forEach((entry, index) => {
      const at = x(marked[index] + 0.5);
      const group = svgElement("g", { class: "marker", "data-date": entry.date });
      group.append(svgElement("line", { x1: at, x2: at, y1: top - 4, y2: height - bottom }));
      group.append(svgElement("path", { d: `M${at - 5},0 L${at + 5},0 L${at},8 Z` }));
      const label = svgElement("title", {});
      label.textContent = `${entry.date} (${entry.granularity}): in the timeline`;
      group.append(label);
      group.addEventListener("click", () => {
        const target = timelineList.querySelector(`li.entry[data-date="${entry.date}"]`);
        if (target) target.scrollIntoView({ behavior: "smooth", block: "start" });
      });
      histogram.append(group);
    });
    const axis = [[0, "start", isoOfDay(starts[0])], [width, "end", isoOfDay(end - 1)]];
    for (const [position, anchor, text] of axis) {
      const label = svgElement("text", { x: position, y: height - 4, "text-anchor": anchor, class: "axis" });
      label.textContent = text;
      histogram.append(label);
    }
    volumeCaption.textContent = `per ${bucket.name}; ${volume.articles} articles, busiest ${bucket.name}: ${peak}`;
  }

  function showExports(params) {
    for (const link of exportsSection.querySelectorAll("a[data-format]")) {
      const exportParams = new URLSearchParams(params);
      exportParams.set("format", link.dataset.format);
      link.href = `/api/timeline/export?${exportParams}`;
    }
    exportsSection.hidden = false;
  }

  const STRATEGY_NOTES = {
    "all-words": "articles containing every query word",
    "any-word": "few articles contain every query word, so those with any of them",
    "everything": "all articles in the range",
    "nothing": "no article matches the query",
  };

  // What is new since the last visit: the time each query (and collection) was last
  // shown is kept in this browser, and sent as the API's since on the next visit. The
  // time is taken before the request, so an article stored while it runs is new next time.
  function visitKey(params) {
    const key = new URLSearchParams();
    for (const name of ["query", "collection"]) key.set(name, params.get(name) || "");
    return `dateline.visit:${key}`;
  }

  function lastVisit(params) {
    try {
      return localStorage.getItem(visitKey(params));
    } catch (error) {
      return null;  // storage disabled: no marks
    }
  }

  function rememberVisit(params, time) {
    try {
      localStorage.setItem(visitKey(params), time);
    } catch (error) {
      // storage disabled or full: the next visit shows no marks
    }
  }

  function changesNote(timeline) {
    if (!timeline.changes) return "";
    const { new: added, changed } = timeline.changes;
    const parts = [`${added} new date${added === 1 ? "" : "s"}`];
    if (changed) parts.push(`${changed} changed`);
    return ` ${parts.join(", ")} since your last visit.`;
  }

  async function build(params) {
    const stories = document.getElementById("stories");
    if (stories) stories.open = false;  // the story list folds away under a timeline
    setStatus("Building the timeline…");
    document.body.classList.add("busy");
    const volumeParams = new URLSearchParams();
    for (const name of ["query", "collection", "from", "to"]) {
      if (params.has(name)) volumeParams.set(name, params.get(name));
    }
    const timelineParams = new URLSearchParams(params);
    const since = lastVisit(params);
    if (since) timelineParams.set("since", since);
    const visited = new Date().toISOString();
    try {
      const [timeline, volume] = await Promise.all([
        getJSON(`/api/timeline?${timelineParams}`), getJSON(`/api/volume?${volumeParams}`)]);
      drawTimeline(timeline);
      drawHistogram(volume, timeline);
      showExports(params);
      const count = timeline.entries.length;
      setStatus(`${count} date${count === 1 ? "" : "s"} from ${volume.articles} articles ` +
        `(${STRATEGY_NOTES[volume.strategy]}).${changesNote(timeline)}`);
      rememberVisit(params, visited);
    } catch (error) {
      setStatus(error.message, true);
    } finally {
      document.body.classList.remove("busy");
      document.body.dataset.ready = "true";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = formParams();
    history.pushState(null, "", `?${params}`);
    build(params);
  });

  function fromLocation() {
    const params = new URLSearchParams(location.search);
    fillForm(params);
    if (params.has("query") || params.has("collection")) build(formParams());
    else document.body.dataset.ready = "true";
  }

  window.addEventListener("popstate", fromLocation);
  fromLocation();
})();
