import { useTranslation } from 'react-i18next';

/** Save, and Cancel as an ordinary link: leaving with unsaved edits still asks first. */
export function FormButtons({ saving, cancelHref }: { saving: boolean; cancelHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-buttons">
      <button type="submit" className="primary" disabled={saving}>
        {saving ? t('common.saving') : t('common.save')}
      </button>
      <a className="button" href={cancelHref}>
        {t('common.cancel')}
      </a>
    </div>
  );
}
