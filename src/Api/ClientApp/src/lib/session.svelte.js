import { get, post, ApiError } from './api.js';

/** Who is signed in ({username, role, agentId}), or null; loaded is false until the first answer. */
export const session = $state({ me: null, loaded: false });

export async function loadMe() {
  try {
    session.me = await get('/api/auth/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    session.me = null;
  } finally {
    session.loaded = true;
  }
  return session.me;
}

export async function signIn(username, password) {
  session.me = await post('/api/auth/login', { username, password });
  return session.me;
}

export async function signOut() {
  try { await post('/api/auth/logout'); } finally { session.me = null; }
}

/** Where each role starts: agents at their desk, supervisors at the wallboard, admins at management. */
export function homeOf(me) {
  if (!me) return '/login';
  if (me.role === 'agent') return '/agent';
  if (me.role === 'supervisor') return '/dashboard';
  return '/manage';
}

export const isManager = (me) => me?.role === 'admin' || me?.role === 'supervisor';
export const isAdmin = (me) => me?.role === 'admin';
