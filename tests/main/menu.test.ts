// The native menus: the File commands reach their actions, the language switch is there, and
// development-only items never ship.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutDetail, menuTemplate, type MenuActions } from '../../src/main/menu';

function build(platform: NodeJS.Platform, dev = false) {
  const calls: string[] = [];
  const actions: MenuActions = {
    newAction: () => calls.push('newAction'),
    importFile: () => calls.push('import'),
    exportFile: () => calls.push('export'),
    backupNow: () => calls.push('backupNow'),
    restore: () => calls.push('restore'),
    setLanguage: (l) => calls.push(`language:${l}`),
    about: () => calls.push('about'),
  };
  return { template: menuTemplate({ platform, appName: 'MIEUX+ Knowledge Base', language: 'fr', dev, actions }), calls };
}

const items = (menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  menu.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
const byId = (menu: MenuItemConstructorOptions[], id: string) => items(menu).find((i) => i.id === id)!;
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('native menus', () => {
  it.each(['win32', 'linux', 'darwin'] as const)('on %s: File, Edit, View and Help carry the commands', (platform) => {
    const { template, calls } = build(platform);
    const labels = template.map((m) => m.label ?? m.role);
    expect(labels).toEqual(expect.arrayContaining(['&File', '&Edit', '&View', 'help']));
    const file = template.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[];
    expect(file.filter((i) => i.label).map((i) => i.label)).toEqual(['New Action', 'Import…', 'Export…', 'Back up now', 'Restore…']);
    for (const id of ['newAction', 'import', 'export', 'backupNow', 'restore', 'language-en', 'language-fr', 'about']) click(byId(template, id));
    expect(calls).toEqual(['newAction', 'import', 'export', 'backupNow', 'restore', 'language:en', 'language:fr', 'about']);
    expect(byId(template, 'newAction').accelerator).toBe('CmdOrCtrl+N');
  });

  it('shows the current language as the checked one', () => {
    const { template } = build('linux');
    expect(byId(template, 'language-fr')).toMatchObject({ type: 'radio', checked: true, label: 'Français' });
    expect(byId(template, 'language-en')).toMatchObject({ type: 'radio', checked: false, label: 'English' });
  });

  it('has the standard editing roles, so copy and paste work in every field', () => {
    const roles = items(build('win32').template).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
  });

  it('ships no reload or developer tools outside development', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const roles = items(build(platform).template).map((i) => String(i.role).toLowerCase());
      expect(roles).not.toContain('toggledevtools');
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forcereload');
    }
    expect(items(build('linux', true).template).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('puts About in the application menu on macOS and in Help elsewhere', () => {
    expect((build('darwin').template[0]!.submenu as MenuItemConstructorOptions[])[0]!.id).toBe('about');
    const help = build('win32').template.find((m) => m.role === 'help')!;
    expect((help.submenu as MenuItemConstructorOptions[]).map((i) => i.id)).toEqual(['about']);
  });

  it('About tells the version and where the database is', () => {
    const text = aboutDetail({ version: '0.1.0', dbPath: '/home/ana/.config/MIEUX+ Knowledge Base/knowledge-base.sqlite', electron: '45.5.0', platform: 'linux' });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Database: /home/ana/.config/MIEUX+ Knowledge Base/knowledge-base.sqlite');
  });
});
