// A wide inline table scrolls sideways on a tablet. A region that scrolls must be reachable
// by keyboard (WCAG 2.1.1), so each inline group becomes a named, focusable region.
document.querySelectorAll(".inline-group").forEach((group) => {
  group.tabIndex = 0;
  group.setAttribute("role", "region");
  const heading = group.querySelector("h2");
  if (heading) {
    heading.id = heading.id || `${group.id}-heading`;
    group.setAttribute("aria-labelledby", heading.id);
  }
});
