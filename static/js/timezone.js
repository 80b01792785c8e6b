// Preselect the browser's own time zone in a class's time-zone list; without a script, the
// list stays at UTC and the instructor picks the zone by hand.
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const select of document.querySelectorAll("select[data-browser-zone]")) {
    const known = Array.from(select.options).some((option) => option.value === zone);
    if (zone && known && select.value === "UTC") {
      select.value = zone;
    }
  }
});
