import { Typography } from 'antd';

/** Every board opens with one h1: screen readers and the e2e tests find boards by it. */
export function BoardHeader({ title, description }: { title: string; description?: string }) {
  return (
    <header style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {title}
      </Typography.Title>
      {description && <Typography.Text type="secondary">{description}</Typography.Text>}
    </header>
  );
}
