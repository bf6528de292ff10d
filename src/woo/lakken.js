// Woo document view: selecting text in the document fills the redaction form
// with the passage and where it starts (the character offset in the text).
// Without this script the reviewer types or pastes the passage.
(() => {
  const root = document.getElementById('woo-tekst');
  const form = document.getElementById('woo-lakken');
  if (!root || !form) return;
  const offset = (node, within) => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const span = el && el.closest('[data-start]');
    if (!span || !root.contains(span)) return null;
    return Number(span.dataset.start) + (node.nodeType === Node.TEXT_NODE ? within : 0);
  };
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const start = offset(range.startContainer, range.startOffset);
    const end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    form.elements.passage.value = root.textContent.slice(start, end);
    form.elements.start.value = String(start);
  });
})();
