/** A message in the page (never a blank one): what went wrong and, when known, which parameter. */
export function Problem(props: { message: string | undefined }) {
  if (props.message === undefined) return null;
  return (
    <p class="problem" role="alert">
      {props.message}
    </p>
  );
}
