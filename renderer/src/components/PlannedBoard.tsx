import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BoardHeader } from './BoardHeader';

type PlannedBoardName = 'okr' | 'merchants' | 'suppliers' | 'warRoom';

/** A board not built yet: says what will be there, in the user's language. */
export function PlannedBoard({ board }: { board: PlannedBoardName }) {
  const { t } = useTranslation();
  const features = t(`boards.${board}.features`, { returnObjects: true });
  return (
    <>
      <BoardHeader title={t(`boards.${board}.title`)} description={t(`boards.${board}.description`)} />
      <Card title={<Tag color="processing">{t('boards.planned')}</Tag>} size="small">
        <List
          size="small"
          dataSource={features}
          renderItem={(feature) => (
            <List.Item>
              <Typography.Text>{feature}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
