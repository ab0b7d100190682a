/** Data as indented JSON (step inputs and outputs, trigger data), scrolling when long. */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre
      aria-label={label}
      style={{
        margin: 0,
        padding: '8px 10px',
        background: 'rgba(0, 0, 0, 0.03)',
        border: '1px solid rgba(0, 0, 0, 0.06)',
        borderRadius: 6,
        fontSize: 12,
        maxHeight: 260,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {text}
    </pre>
  );
}
