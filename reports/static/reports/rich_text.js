// The report editor's Draftail plugins (registered as features in reports/wagtail_hooks.py).
// PLACEHOLDER highlights text still to be agreed or completed. The pattern comes from the
// server (reports.placeholders.PLACEHOLDER_PATTERN) in the editor input's
// data-placeholder-pattern attribute, so the browser and the server find the same placeholders.
(function () {
  'use strict';

  let pattern;

  function placeholderPattern() {
    if (pattern === undefined) {
      const input = document.querySelector('[data-placeholder-pattern]');
      pattern = null;
      if (input) {
        try {
          pattern = new RegExp(input.dataset.placeholderPattern, 'gi');
        } catch (error) {
          pattern = null;
        }
      }
    }
    return pattern;
  }

  function placeholderStrategy(block, callback) {
    const regex = placeholderPattern();
    if (!regex) {
      return;
    }
    const text = block.getText();
    regex.lastIndex = 0;
    let match = regex.exec(text);
    while (match !== null) {
      if (match[0].length === 0) {
        regex.lastIndex += 1;
      } else {
        callback(match.index, match.index + match[0].length);
      }
      match = regex.exec(text);
    }
  }

  function Placeholder(props) {
    return window.React.createElement(
      'mark',
      { className: 'report-placeholder', 'data-placeholder': '' },
      props.children,
    );
  }

  window.draftail.registerPlugin(
    { type: 'PLACEHOLDER', strategy: placeholderStrategy, component: Placeholder },
    'decorators',
  );

  // A label's `for` points at Draftail's hidden input (the editor is named by the label through
  // aria-labelledby, see reports.rich_text): a click on the label puts the cursor in the editor.
  document.addEventListener('click', function (event) {
    const label = event.target.closest ? event.target.closest('label[for]') : null;
    const input = label ? document.getElementById(label.htmlFor) : null;
    if (input && input.hasAttribute('data-draftail-input') && input.draftailEditor) {
      event.preventDefault();
      input.draftailEditor.focus();
    }
  });
})();
