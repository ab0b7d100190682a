import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Dropdown, Form, Input, Select, Typography } from 'antd';
import { GlobalOutlined, LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, isApiError } from '../api/client';
import type { Me } from '../api/types';
import { LOCALES, format, useI18n } from '../i18n/I18nProvider';
import { applyApiError } from '../forms/applyApiError';
import { useAuth } from './AuthProvider';

interface LoginValues {
  email: string;
  password: string;
  workspace?: string;
}

type Workspaces = { slug: string; name: string }[];

/** Only same-site paths, so a crafted ?next= cannot send people elsewhere after sign-in. */
const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

export function LoginPage() {
  const { m, locale, setLocale } = useI18n();
  const { me, signedIn, expired } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const [notice, setNotice] = useState<string | null>(null);
  const [workspaces, setWorkspaces] = useState<Workspaces | null>(null);

  const login = useMutation({
    mutationFn: (values: LoginValues) =>
      api<Me>('/auth/login', {
        method: 'POST',
        body: values.workspace ? values : { email: values.email, password: values.password },
        allowUnauthorized: true,
      }),
    onSuccess: (next) => {
      signedIn(next);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'invalid_credentials') {
        form.setFields([{ name: 'password', errors: [m.auth.invalidCredentials] }]);
        return setNotice(null);
      }
      if (isApiError(error) && error.code === 'account_locked') {
        const until =
          typeof error.body.locked_until === 'string' ? dayjs(error.body.locked_until).format('HH:mm') : '';
        return setNotice(format(m.auth.locked, { time: until }));
      }
      if (isApiError(error) && error.status === 429) return setNotice(m.auth.rateLimited);
      if (isApiError(error) && error.code === 'workspace_required' && Array.isArray(error.body.workspaces)) {
        setWorkspaces(error.body.workspaces as Workspaces);
        form.setFields([{ name: 'workspace', errors: [m.auth.workspaceRequired] }]);
        return setNotice(null);
      }
      setNotice(applyApiError(form, error, m, { localize: locale === 'zh-CN' }));
    },
  });

  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)',
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 16 }}>
        <Dropdown
          menu={{
            items: LOCALES.map((l) => ({ key: l, label: m.language[l] })),
            onClick: ({ key }) => setLocale(key as typeof locale),
            selectedKeys: [locale],
          }}
        >
          <Button type="text" icon={<GlobalOutlined />}>
            {m.language[locale]}
          </Button>
        </Dropdown>
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {m.auth.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{m.auth.subtitle}</Typography.Paragraph>
        {(notice || expired) && (
          <Alert
            type={notice ? 'error' : 'warning'}
            showIcon
            title={notice ?? m.common.sessionExpired}
            style={{ marginBottom: 16, whiteSpace: 'pre-line' }}
          />
        )}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          onFinish={(v) => (setNotice(null), login.mutate(v))}
          requiredMark={false}
        >
          <Form.Item
            name="email"
            label={m.auth.email}
            rules={[{ required: true, whitespace: true, message: m.auth.emailRequired }]}
          >
            <Input
              prefix={<MailOutlined />}
              autoComplete="username"
              inputMode="email"
              autoFocus
              size="large"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={m.auth.password}
            rules={[{ required: true, message: m.auth.passwordRequired }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {workspaces && (
            <Form.Item
              name="workspace"
              label={m.auth.workspace}
              rules={[{ required: true, message: m.auth.workspaceRequired }]}
            >
              <Select size="large" options={workspaces.map((w) => ({ value: w.slug, label: w.name }))} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {m.auth.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
