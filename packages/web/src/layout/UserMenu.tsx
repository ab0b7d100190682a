import { useNavigate } from 'react-router';
import { App, Avatar, Button, Dropdown } from 'antd';
import { CheckOutlined, GlobalOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { ME_KEY, useAuth, useMe } from '../auth/AuthProvider';
import { LOCALES, useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/I18nProvider';

/** Who is signed in, the language switch (saved to the user) and sign-out. */
export function UserMenu({ compact }: { compact?: boolean }) {
  const { m, locale, setLocale } = useI18n();
  const me = useMe();
  const { signOut, can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const switchLocale = async (next: Locale) => {
    setLocale(next);
    try {
      const updated = await api<Me>('/auth/me', { method: 'PATCH', body: { locale: next } });
      queryClient.setQueryData(ME_KEY, { ...updated, csrf_token: updated.csrf_token ?? me.csrf_token });
    } catch {
      // The choice still holds in this browser; it is saved to the user next time.
    }
  };
  const items: MenuProps['items'] = [
    { key: 'who', label: `${me.user.name} · ${me.role.name || me.role.key}`, disabled: true },
    { type: 'divider' },
    {
      key: 'language',
      icon: <GlobalOutlined />,
      label: m.header.language,
      children: LOCALES.map((l) => ({
        key: `locale:${l}`,
        label: m.language[l],
        icon: l === locale ? <CheckOutlined /> : undefined,
      })),
    },
    ...(can('users:manage') || can('records:transfer')
      ? [{ key: 'handover', icon: <SwapOutlined />, label: m.ownership.handoverMenu }]
      : []),
    { key: 'logout', icon: <LogoutOutlined />, label: m.auth.logout, danger: true },
  ];
  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key.startsWith('locale:')) return switchLocale(key.slice('locale:'.length) as Locale);
    if (key === 'handover') return navigate('/handover');
    if (key === 'logout') {
      await signOut();
      message.success(m.auth.loggedOut);
      navigate('/login', { replace: true });
    }
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" style={{ height: 40, paddingInline: 8 }} aria-label={m.header.profile}>
        <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
          {me.user.name.slice(0, 1)}
        </Avatar>
        {!compact && <span style={{ marginInlineStart: 6 }}>{me.user.name}</span>}
      </Button>
    </Dropdown>
  );
}
