import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '@tideline/shared';
import { api, isApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Me } from '../api/types';
import { isLocale, useI18n } from '../i18n/I18nProvider';

export const ME_KEY = ['me'] as const;

interface AuthValue {
  me: Me | null;
  loading: boolean;
  /** After sign-in: remember who is signed in without another request. */
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  can: (permission: Permission) => boolean;
  /** The session ended while the app was open (not a first visit): the login page says so. */
  expired: boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/auth/me', { allowUnauthorized: true });
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { locale, setLocale } = useI18n();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: 1 });
  const me = query.data ?? null;

  useEffect(() => {
    setCsrfToken(me?.csrf_token ?? null);
  }, [me]);

  // The user's saved language wins over the browser's remembered one, once per signed-in user;
  // later switches are saved to the user by the language menu.
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!me || appliedFor.current === me.user.id) return;
    appliedFor.current = me.user.id;
    if (isLocale(me.user.locale) && me.user.locale !== locale) setLocale(me.user.locale);
  }, [me, locale, setLocale]);

  const [expired, setExpired] = useState(false);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      // The session ended elsewhere (expired, signed out in another tab): drop who we thought it was.
      if (queryClient.getQueryData(ME_KEY)) setExpired(true);
      queryClient.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  const signedIn = useCallback(
    (next: Me) => {
      setExpired(false);
      setCsrfToken(next.csrf_token);
      queryClient.setQueryData(ME_KEY, next);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST', allowUnauthorized: true });
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      loading: query.isPending,
      signedIn,
      signOut,
      can: (p) => Boolean(me?.permissions.includes(p)),
      expired,
    }),
    [me, query.isPending, signedIn, signOut, expired],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe on a page without a signed-in user');
  return me;
}
