/**
 * An e-mail address isolated from the surrounding text direction (it stays intact inside Arabic),
 * with a line-break opportunity before the "@" instead of a break between arbitrary letters.
 */
export function Email({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return <bdi>{address}</bdi>;
  return (
    <bdi className="email">
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </bdi>
  );
}
