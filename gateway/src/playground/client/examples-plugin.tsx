import { useEditorContext, type GraphiQLPlugin } from '@graphiql/react';
import type { PlaygroundExample } from '../examples';

/** The question (a list) icon of the examples panel's button. */
function ExamplesIcon() {
  return (
    <svg height="1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M8 6h13M8 12h13M8 18h13" strokeLinecap="round" />
      <circle cx="3.5" cy="6" r="1.2" />
      <circle cx="3.5" cy="12" r="1.2" />
      <circle cx="3.5" cy="18" r="1.2" />
    </svg>
  );
}

function ExampleList({ examples }: { examples: PlaygroundExample[] }) {
  const { queryEditor, variableEditor, addTab } = useEditorContext({ nonNull: true });
  const open = (example: PlaygroundExample) => {
    const current = queryEditor?.getValue().trim() ?? '';
    // Work in progress keeps its tab; an untouched example or an empty editor is simply replaced.
    if (current !== '' && !examples.some((other) => other.body.trim() === current)) addTab();
    // After the new tab's (empty) values have been put into the editors.
    setTimeout(() => {
      queryEditor?.setValue(example.body);
      variableEditor?.setValue('');
    }, 0);
  };
  return (
    <div className="azg-examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p className="azg-examples-intro">
        Questions a reader of the akimat's press release might ask. Pick one, then press the run button (or Ctrl-Enter).
        Each is a file in <code>schema/operations/</code>.
      </p>
      <ul>
        {examples.map((example) => (
          <li key={example.name}>
            <button type="button" className="azg-example" data-operation={example.name} title={example.description} onClick={() => open(example)}>
              <span className="azg-example-title">{example.title}</span>
              <span className="azg-example-name">{example.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A GraphiQL panel listing the example operations; clicking one opens it in the editor. */
export function examplesPlugin(examples: PlaygroundExample[]): GraphiQLPlugin {
  return {
    title: 'Examples',
    icon: ExamplesIcon,
    content: () => <ExampleList examples={examples} />,
  };
}
